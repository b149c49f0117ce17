import { createCustomerInputSchema } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { customerInputOf, emptyContact, newCustomerValues } from "./customer-form.ts";

describe("the customer form's values", () => {
  it("become schema input: numbers from text, contacts without React keys", () => {
    const values = {
      ...newCustomerValues(),
      name: "Blauwal Reisen GmbH",
      paymentTermsDays: "30",
      contacts: [
        { ...emptyContact(true), id: "0b0e6f3a-8c1d-4c47-9a43-7b1d2f9e6a10", name: "Jana Kiel" },
        { ...emptyContact(false), name: "Paul Brandt" },
      ],
    };
    const input = customerInputOf(values, "de");
    expect(input.paymentTermsDays).toBe(30);
    expect(input.contacts).toEqual([
      {
        id: "0b0e6f3a-8c1d-4c47-9a43-7b1d2f9e6a10",
        name: "Jana Kiel",
        email: "",
        phone: "",
        position: "",
        isPrimary: true,
      },
      { name: "Paul Brandt", email: "", phone: "", position: "", isPrimary: false },
    ]);
    expect(createCustomerInputSchema.safeParse(input).success).toBe(true);
  });

  it("reads the payment terms the locale's way: 1.000 is a thousand in German, 1,5 no count", () => {
    const terms = (paymentTermsDays: string, locale: "de" | "en") =>
      customerInputOf({ ...newCustomerValues(), name: "X", paymentTermsDays }, locale)
        .paymentTermsDays;
    expect(terms("1.000", "de")).toBe(1000);
    expect(terms("1,000", "en")).toBe(1000);
    expect(terms("1,5", "de")).toBeNaN();
    expect(terms("1.5", "de")).toBeNaN();
  });

  it("turns text that is not a number into an error, not a default", () => {
    for (const paymentTermsDays of ["", "1,5", "zehn"]) {
      const input = customerInputOf({ ...newCustomerValues(), name: "X", paymentTermsDays }, "de");
      expect(Number.isNaN(input.paymentTermsDays)).toBe(true);
      expect(createCustomerInputSchema.safeParse(input).success).toBe(false);
    }
  });
});
