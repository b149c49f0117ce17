import {
  APP_MESSAGES,
  appMessage,
  moneyParam,
  SALES_DOCUMENT_TYPES,
  termParam,
  type AppMessageKey,
} from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { wordServerMessage } from "../lib/errors.ts";
import { de } from "./de.ts";
import { GERMAN_GENDERED_TERMS } from "./german-grammar.ts";
import { en, type MessageKey } from "./en.ts";
import { interpolate, placeholdersOf, type Translate } from "./translate.ts";

const translator = (locale: "de" | "en"): Translate => {
  const messages = locale === "de" ? de : en;
  return Object.assign(
    (key: MessageKey, params?: Record<string, string | number>) =>
      interpolate(messages[key], params),
    { locale },
  );
};

describe("the server's messages", () => {
  it("have a translation in both languages for every key the domain and services can throw", () => {
    const keys = Object.keys(APP_MESSAGES) as AppMessageKey[];
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      const entry = `app.${key}` as MessageKey;
      expect(en[entry], key).toBe(APP_MESSAGES[key]);
      expect(de[entry], key).toBeTruthy();
      expect(placeholdersOf(de[entry]), key).toEqual(placeholdersOf(APP_MESSAGES[key]));
    }
  });

  it("word an overpayment in German with the amounts as a German reads them", () => {
    const message = appMessage("payment.exceedsOutstanding", {
      amount: moneyParam("1400.5", "CHF"),
      open: moneyParam("1330", "CHF"),
    });
    const german = wordServerMessage(message, translator("de"));
    expect(german).toMatch(
      /^Diese Zahlung über 1[.’']?400,50\sCHF ist höher als die noch offenen 1[.’']?330,00\sCHF\.$/,
    );
    expect(wordServerMessage(message, translator("en"))).toMatch(
      /^This payment of CHF\s1,400\.50 is more than the CHF\s1,330\.00 still open\.$/,
    );
  });

  it("name statuses and actions by the UI's labels, and lists in the language's way", () => {
    const message = appMessage("purchaseOrder.actionNotAllowed", {
      action: termParam("purchaseOrderAction", "approve"),
      status: termParam("purchaseOrderStatus", "pending"),
      allowed: {
        list: [
          termParam("purchaseOrderAction", "accept"),
          termParam("purchaseOrderAction", "decline"),
        ],
      },
    });
    expect(wordServerMessage(message, translator("de"))).toBe(
      `„${de["po.action.approve"]}“ ist nicht möglich, solange diese Bestellung im Status „${de["po.status.pending"]}“ ist. Jetzt möglich: ${de["po.action.accept"]} und ${de["po.action.decline"]}.`,
    );
  });

  it("name every document type in German with its own article, never in brackets", () => {
    const already = (type: string) =>
      wordServerMessage(
        appMessage("document.alreadyStatus", {
          type: termParam("documentType", type),
          status: termParam("salesStatus", "paid"),
        }),
        translator("de"),
      );
    expect(already("invoice")).toBe(
      `Diese Rechnung ist bereits im Status „${de["salesStatus.paid"]}“.`,
    );
    expect(already("quote")).toMatch(/^Dieses Angebot ist bereits/);
    expect(already("sales_order")).toMatch(/^Dieser Kundenauftrag ist bereits/);
    expect(
      wordServerMessage(
        appMessage("document.needsApproval", { type: termParam("documentType", "quote") }),
        translator("de"),
      ),
    ).toBe(
      "Dieses Angebot braucht eine Freigabe: Sein Gesamtbetrag erreicht die Freigabegrenze. Reichen Sie es stattdessen zur Freigabe ein.",
    );
    expect(
      wordServerMessage(
        appMessage("record.notFound", { record: termParam("record", "customer") }),
        translator("de"),
      ),
    ).toBe("Diesen Kunden gibt es nicht.");
    // Every German message naming a type or record with a form, for every term it can name:
    // each placeholder filled, and no "(Rechnung)" left anywhere.
    const documentTerms: readonly string[] = [...SALES_DOCUMENT_TYPES, "purchase_order"];
    expect(GERMAN_GENDERED_TERMS).toEqual(expect.arrayContaining([...documentTerms, "customer"]));
    for (const [key, template] of Object.entries(APP_MESSAGES)) {
      const german = de[`app.${key}` as MessageKey];
      expect(german, key).not.toMatch(/\(\{(type|record)\}\)/);
      if (!/\{(type|record):\w+\}/.test(german)) continue;
      for (const value of GERMAN_GENDERED_TERMS) {
        const term = termParam(documentTerms.includes(value) ? "documentType" : "record", value);
        const params = Object.fromEntries(
          placeholdersOf(template).map((name) => [
            name,
            name === "type" || name === "record" ? term : "x",
          ]),
        );
        const worded = wordServerMessage(
          appMessage(key as AppMessageKey, params),
          translator("de"),
        );
        expect(worded, `${key} ${value}`).not.toMatch(/\{\w+(:\w+)?\}/);
      }
    }
  });

  it("fall back to the server's English for a key this UI does not know", () => {
    const unknown = { key: "newer.serverKey" } as unknown as ReturnType<typeof appMessage>;
    expect(wordServerMessage(unknown, translator("de"), "The server's sentence.")).toBe(
      "The server's sentence.",
    );
  });
});
