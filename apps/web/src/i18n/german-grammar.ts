/**
 * German nouns carry a gender, and the words around them follow it: "diese Rechnung", "dieses
 * Angebot", "dieser Kundenauftrag". A server message names a document type or a record kind as a
 * term; a German template asks for the form it needs with `{type:this}`, and the formatter
 * (format-app-message.ts) fills it from the term's label and its gender here. English templates
 * use `{type}` only. A term not listed falls back to the neutral "Dokument"/"Datensatz" wording
 * with the label in brackets, never to a wrong article.
 */
type Gender = "f" | "m" | "n";

/** The gender of each label a German message may name (documentType.* and appTerm.record.*). */
const GENDER_OF_TERM: Record<string, Gender> = {
  invoice: "f",
  quote: "n",
  order_confirmation: "f",
  sales_order: "m",
  pro_forma: "f",
  credit_note: "f",
  cancellation: "f",
  purchase_order: "f",
  invoice_group: "f",
  customer: "m",
  project: "n",
  supplier: "m",
};

/**
 * The forms a template can ask for, nominative unless named otherwise. A capitalised form name
 * starts the word with a capital (the start of a sentence).
 */
const FORMS: Record<string, Record<Gender, string>> = {
  /** "diese Rechnung" */
  this: { f: "diese", m: "dieser", n: "dieses" },
  /** accusative: "diesen Kunden" */
  thisAccusative: { f: "diese", m: "diesen", n: "dieses" },
  /** "eine Rechnung" */
  a: { f: "eine", m: "ein", n: "ein" },
  /** the possessive before a neuter or masculine noun: "ihr/sein Gesamtbetrag" */
  its: { f: "ihr", m: "sein", n: "sein" },
  /** the possessive before a feminine or plural noun: "ihre/seine Gutschriften" */
  itsPlural: { f: "ihre", m: "seine", n: "seine" },
  /** the pronoun: "sie/er/es" */
  it: { f: "sie", m: "er", n: "es" },
  /** accusative pronoun: "sie/ihn/es" */
  itAccusative: { f: "sie", m: "ihn", n: "es" },
};

/** Forms that are the pronoun alone, without the noun. */
const PRONOUNS = new Set(["its", "itsPlural", "it", "itAccusative"]);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The masculine accusative (and dative) of a weak noun ("Kunde" -> "Kunden"). */
const ACCUSATIVE_NOUN: Record<string, string> = { customer: "Kunden", supplier: "Lieferanten" };

/**
 * Every grammatical form of a term for a German template, keyed `name:form` (and `name:Form`
 * capitalised): { "type:this": "diese Rechnung", "type:This": "Diese Rechnung", "type:its": "ihr" … }.
 * Empty when the term's gender is unknown: the template then shows its placeholder, which a
 * test catches (every type and record kind is listed above).
 */
export function germanTermForms(
  name: string,
  termValue: string,
  label: string,
): Record<string, string> {
  const gender = GENDER_OF_TERM[termValue];
  if (!gender) return {};
  const forms: Record<string, string> = {};
  for (const [form, words] of Object.entries(FORMS)) {
    const noun = form.endsWith("Accusative") ? (ACCUSATIVE_NOUN[termValue] ?? label) : label;
    const text = PRONOUNS.has(form) ? words[gender] : `${words[gender]} ${noun}`;
    forms[`${name}:${form}`] = text;
    forms[`${name}:${capitalise(form)}`] = capitalise(text);
  }
  return forms;
}

/** The term values a German template can name with a form (for the dictionary test). */
export const GERMAN_GENDERED_TERMS = Object.keys(GENDER_OF_TERM);
