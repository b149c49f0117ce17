import { customerInputSchema } from "@ledgerline/domain";
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
    const input = customerInputOf(values);
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
    expect(customerInputSchema.safeParse(input).success).toBe(true);
  });

  it("turns text that is not a number into an error, not a default", () => {
    const input = customerInputOf({ ...newCustomerValues(), name: "X", paymentTermsDays: "" });
    expect(Number.isNaN(input.paymentTermsDays)).toBe(true);
    expect(customerInputSchema.safeParse(input).success).toBe(false);
  });
});
