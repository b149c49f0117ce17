import {
  createCustomerInputSchema,
  createProjectInputSchema,
  createSupplierInputSchema,
} from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de.ts";
import { en, type MessageKey } from "../i18n/en.ts";
import { interpolate, type Translate } from "../i18n/translate.ts";
import { errorAt, fromServerFieldErrors, localizeIssue, validate } from "./validation.ts";

const inLanguage = (messages: Record<MessageKey, string>): Translate =>
  Object.assign(
    (key: MessageKey, params?: Record<string, string | number>) =>
      interpolate(messages[key], params),
    { locale: messages === de ? ("de" as const) : ("en" as const) },
  );

describe("validating forms with the domain schemas", () => {
  it("puts each problem on its field path, in the active language", () => {
    const input = {
      name: " ",
      email: "not-an-email",
      country: "Deutschland",
      paymentTermsDays: Number.NaN,
      contacts: [{ name: "Jana", email: "jana@" }],
    };
    const english = validate(createCustomerInputSchema, input, inLanguage(en));
    const german = validate(createCustomerInputSchema, input, inLanguage(de));
    expect(english.ok).toBe(false);
    expect(german.ok).toBe(false);
    if (english.ok || german.ok) return;
    expect(english.errors).toEqual({
      name: "This field is required.",
      email: "Enter a valid email address.",
      country: "Use a two-letter country code such as DE.",
      paymentTermsDays: "Enter a number.",
      "contacts.0.email": "Enter a valid email address.",
    });
    expect(german.errors["name"]).toBe("Dieses Feld ist ein Pflichtfeld.");
    expect(german.errors["contacts.0.email"]).toBe("Bitte eine gültige E-Mail-Adresse eingeben.");
  });

  it("names rules a field carries (refinements) by field", () => {
    const result = validate(
      createProjectInputSchema,
      {
        name: "Relaunch",
        customerId: "0b0e6f3a-8c1d-4c47-9a43-7b1d2f9e6a10",
        startDate: "2026-05-01",
        endDate: "2026-04-01",
      },
      inLanguage(de),
    );
    expect(result).toEqual({
      ok: false,
      errors: { endDate: "Das Ende darf nicht vor dem Beginn liegen." },
    });

    const supplier = validate(
      createSupplierInputSchema,
      { name: "Clara", iban: "DE00 1234", languagePairs: ["en>de", "english"] },
      inLanguage(en),
    );
    expect(supplier.ok).toBe(false);
    if (supplier.ok) return;
    expect(supplier.errors["iban"]).toBe("This IBAN is not valid (checksum).");
    expect(errorAt(supplier.errors, "languagePairs", true)).toBe("Write a pair as “en>de”.");
    expect(errorAt(supplier.errors, "languagePairs")).toBeUndefined();
  });

  it("passes valid input through the schema's transforms", () => {
    const result = validate(
      createCustomerInputSchema,
      { name: "Blauwal Reisen GmbH", email: "", country: "de" },
      inLanguage(en),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { name: "Blauwal Reisen GmbH", email: null, country: "DE", paymentTermsDays: 14 },
    });
  });

  it("takes the server's field errors as they come", () => {
    expect(
      fromServerFieldErrors({
        email: ["A user with this email already exists."],
        "contacts.0.name": ["Required.", "Too short."],
      }),
    ).toEqual({
      email: "A user with this email already exists.",
      "contacts.0.name": "Required. Too short.",
    });
  });
});

describe("the schemas' own sentences", () => {
  const issue = (message: string, path: (string | number)[] = ["lines", 0, "quantity"]) =>
    ({ code: "custom", message, path, input: undefined }) as unknown as Parameters<
      typeof localizeIssue
    >[0];

  it("are worded in German by their key in the domain's registry, with parameters filled", () => {
    const german = inLanguage(de);
    expect(localizeIssue(issue("Enter a quantity such as 2 or 1.5."), german)).toBe(
      "Geben Sie eine Menge wie 2 oder 1,5 ein.",
    );
    expect(localizeIssue(issue("At most 2 decimal places."), german)).toBe(
      interpolate(de["app.field.decimalPlaces"], { places: 2 }),
    );
    expect(localizeIssue(issue("Choose a payment method.", ["method"]), german)).toBe(
      "Bitte eine Zahlungsart wählen.",
    );
    expect(localizeIssue(issue("The quantity to credit must be more than 0."), german)).toBe(
      "Die gutzuschreibende Menge muss größer als 0 sein.",
    );
    expect(
      localizeIssue(issue("The payment date cannot be in the future.", ["paymentDate"]), german),
    ).toBe("Das Zahlungsdatum darf nicht in der Zukunft liegen.");
  });

  it("stay as they are in English, and a sentence without a key stays as written", () => {
    expect(localizeIssue(issue("The quantity cannot be 0."), inLanguage(en))).toBe(
      "The quantity cannot be 0.",
    );
    const unknown = "A rule nobody has keyed yet.";
    expect(localizeIssue(issue(unknown), inLanguage(de))).toBe(unknown);
  });
});
