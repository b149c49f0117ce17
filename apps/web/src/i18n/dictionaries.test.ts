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

describe("interpolate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{from}–{to} of {total}", { from: 1, to: 25, total: "1,234" })).toBe(
      "1–25 of 1,234",
    );
    expect(interpolate("Hello {name}", {})).toBe("Hello {name}");
  });
});
