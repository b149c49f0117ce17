import { describe, expect, it } from "vitest";
import { localeFromBrowser, resolveLocale } from "./locale.ts";

describe("the starting language", () => {
  it("is German for browsers that ask for German first, English otherwise", () => {
    expect(localeFromBrowser(["de-DE", "en"])).toBe("de");
    expect(localeFromBrowser(["de-CH"])).toBe("de");
    expect(localeFromBrowser(["DE"])).toBe("de");
    expect(localeFromBrowser(["en-US", "de"])).toBe("en");
    expect(localeFromBrowser(["fr-FR"])).toBe("en");
    expect(localeFromBrowser([])).toBe("en");
  });

  it("prefers the user's stored choice, then this device's, then the browser's", () => {
    expect(resolveLocale({ userLocale: "en", storedLocale: "de", browserLanguages: ["de"] })).toBe(
      "en",
    );
    expect(resolveLocale({ userLocale: null, storedLocale: "de", browserLanguages: ["en"] })).toBe(
      "de",
    );
    expect(
      resolveLocale({ userLocale: "fr", storedLocale: "nonsense", browserLanguages: ["de-AT"] }),
    ).toBe("de");
  });
});
