import { describe, expect, it } from "vitest";
import {
  APP_MESSAGES,
  appMessage,
  englishOf,
  messageOfSentence,
  moneyParam,
  placeholdersOfTemplate,
  termParam,
  type AppMessageKey,
} from "./messages.ts";

describe("the message registry", () => {
  it("has one key per sentence, so a sentence finds its key again", () => {
    const sentences = Object.values(APP_MESSAGES).filter(
      (template) => placeholdersOfTemplate(template).length === 0,
    );
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const [key, template] of Object.entries(APP_MESSAGES) as [AppMessageKey, string][]) {
      if (placeholdersOfTemplate(template).length === 0) {
        expect(messageOfSentence(template), key).toEqual({ key });
      }
    }
  });

  it("writes the English sentence from a template, amounts exact and terms as the API names them", () => {
    expect(
      englishOf(
        appMessage("payment.exceedsOutstanding", {
          amount: moneyParam("1400", "CHF"),
          open: moneyParam("1330", "CHF"),
        }),
      ),
    ).toBe("This payment of 1400.00 CHF is more than the 1330.00 CHF still open.");
    expect(
      englishOf(
        appMessage("auth.roleMayNot", {
          role: termParam("role", "team_member"),
          permission: "salesDocument.write",
        }),
      ),
    ).toBe("Your role (team_member) may not do this (needs salesDocument.write).");
    expect(
      englishOf(
        appMessage("document.staysWithCustomer", {
          type: termParam("documentType", "credit_note"),
        }),
      ),
    ).toBe("A credit note stays with the customer of its invoice.");
  });

  it("reads the parameters of a sentence a rule wrote back out of it", () => {
    expect(messageOfSentence("At most 4 decimal places.")).toEqual({
      key: "field.decimalPlaces",
      params: { places: "4" },
    });
    expect(messageOfSentence("“Taxi” is not billable.")).toEqual({
      key: "expense.notBillable",
      params: { name: "Taxi" },
    });
    expect(messageOfSentence("A sentence nobody registered.")).toEqual({
      key: "text",
      params: { text: "A sentence nobody registered." },
    });
  });
});
