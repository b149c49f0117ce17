import { describe, expect, it } from "vitest";
import { languageName, languageOptions } from "./languages.ts";

describe("language names from Intl", () => {
  it("names a tag in the UI's language, and nothing for a malformed one", () => {
    expect(languageName("de", "en")).toBe("German");
    expect(languageName("de", "de")).toBe("Deutsch");
    expect(languageName("en-gb", "en")).toBe("British English");
    expect(languageName("en_US!", "en")).toBeNull();
    expect(languageName("", "de")).toBeNull();
  });

  it("suggests the languages Intl knows, sorted by name, without made-up codes", () => {
    const options = languageOptions("en");
    const values = options.map((option) => option.value);
    expect(values).toEqual(expect.arrayContaining(["de", "en", "fr", "pl", "ja", "pt-BR"]));
    expect(values).not.toContain("qq");
    expect(options.find((option) => option.value === "fr")?.label).toBe("French");
    const labels = options.map((option) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en")));
  });
});
