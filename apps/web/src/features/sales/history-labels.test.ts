import { describe, expect, it } from "vitest";
import { de } from "../../i18n/de.ts";
import { en, type MessageKey } from "../../i18n/en.ts";
import { interpolate } from "../../i18n/translate.ts";
import { historyActorLabel } from "./history-labels.ts";

const translator =
  (messages: Record<MessageKey, string>) =>
  (key: MessageKey, params?: Record<string, string | number>) =>
    interpolate(messages[key], params);

describe("who made a history entry", () => {
  it("names the person and the token they acted through", () => {
    const entry = { actorName: "Anna Admin", apiTokenName: "Billing script" };
    expect(historyActorLabel(entry, translator(en))).toBe("Anna Admin via token “Billing script”");
    expect(historyActorLabel(entry, translator(de))).toBe("Anna Admin über Token „Billing script“");
  });

  it("names a person alone, a token alone (older entries) or the system", () => {
    const t = translator(en);
    expect(historyActorLabel({ actorName: "Anna Admin", apiTokenName: null }, t)).toBe(
      "Anna Admin",
    );
    expect(historyActorLabel({ actorName: null, apiTokenName: "Old script" }, t)).toBe(
      "Token “Old script”",
    );
    expect(historyActorLabel({ actorName: null, apiTokenName: null }, t)).toBe("System");
  });
});
