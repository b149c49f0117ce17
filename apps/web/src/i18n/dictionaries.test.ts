import { describe, expect, it } from "vitest";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { interpolate, placeholdersOf } from "./translate.ts";

describe("message dictionaries", () => {
  it("have exactly the same keys in German and English", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it("have no empty messages", () => {
    for (const [key, message] of [...Object.entries(en), ...Object.entries(de)]) {
      expect(message.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholdersOf(de[key]), key).toEqual(placeholdersOf(en[key]));
    }
  });

  it("label the e2e test's controls as documented", () => {
    expect([en["customers.new"], de["customers.new"]]).toEqual(["New customer", "Neuer Kunde"]);
    expect([en["customers.search"], de["customers.search"]]).toEqual([
      "Search customers",
      "Kunden durchsuchen",
    ]);
    expect([en["field.name"], de["field.name"]]).toEqual(["Name", "Name"]);
    expect([en["action.save"], de["action.save"]]).toEqual(["Save", "Speichern"]);
    expect([en["signIn.email"], en["signIn.password"], en["signIn.submit"]]).toEqual([
      "Email",
      "Password",
      "Sign in",
    ]);
    expect([de["signIn.email"], de["signIn.password"], de["signIn.submit"]]).toEqual([
      "E-Mail",
      "Passwort",
      "Anmelden",
    ]);
  });
});

describe("the sales screens' e2e labels", () => {
  it("stay as the sales specs address them", () => {
    const pick = (keys: (keyof typeof en)[]) => [
      keys.map((key) => en[key]),
      keys.map((key) => de[key]),
    ];
    expect(
      pick([
        "nav.invoices",
        "nav.quotes",
        "nav.statistics",
        "sales.new.invoice",
        "sales.customer",
        "sales.line.add",
        "sales.saveDraft",
        "sales.saveAndIssue",
        "payments.record",
        "payments.amount",
        "payments.save",
        "salesAction.convertToInvoice",
        "salesAction.cancelWithDocument",
        "sales.reason",
        "salesReason.cancelWithDocument.confirm",
      ]),
    ).toEqual([
      [
        "Invoices",
        "Quotes",
        "Statistics",
        "New invoice",
        "Customer",
        "Add line",
        "Save draft",
        "Save and issue",
        "Record payment",
        "Amount",
        "Save payment",
        "Convert to invoice",
        "Cancel with cancellation document",
        "Reason",
        "Issue cancellation document",
      ],
      [
        "Rechnungen",
        "Angebote",
        "Auswertungen",
        "Neue Rechnung",
        "Kunde",
        "Position hinzufügen",
        "Entwurf speichern",
        "Speichern und ausstellen",
        "Zahlung erfassen",
        "Betrag",
        "Zahlung speichern",
        "In Rechnung umwandeln",
        "Mit Stornorechnung stornieren",
        "Grund",
        "Stornorechnung ausstellen",
      ],
    ]);
    // Line fields are labelled "Line 1: Quantity" (visually, the column header says it).
    expect(
      interpolate(en["sales.line.label"], { number: 1, field: en["sales.line.quantity"] }),
    ).toBe("Line 1: Quantity");
    expect(en["salesStatus.draft"]).toBe("Draft");
    expect(de["sales.draftNumber"]).toBe("Entwurf");
  });
});

describe("interpolate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{from}–{to} of {total}", { from: 1, to: 25, total: "1,234" })).toBe(
      "1–25 of 1,234",
    );
    expect(interpolate("Hello {name}", {})).toBe("Hello {name}");
  });
});
