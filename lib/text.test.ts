import { describe, expect, it } from "vitest";
import { findUnstorableText, waitWords } from "./text";

describe("text the database cannot store", () => {
  it("is found at its path: values, list items, keys, form fields", () => {
    expect(findUnstorableText({ orderId: "a", input: { organizationName: "Ex\u0000ample" } })).toBe(
      "input.organizationName",
    );
    expect(findUnstorableText({ input: { domainNames: ["ok.example", "bad\uD800.example"] } })).toBe(
      "input.domainNames.1",
    );
    expect(findUnstorableText({ input: { "na\u0000me": "x" } })).toBe("input");
    expect(findUnstorableText("\uDC00")).toBe("_form");
    const form = new FormData();
    form.append("reason", "because\u0000");
    expect(findUnstorableText(form)).toBe("reason");
  });

  it("passes ordinary text, paired surrogates (emoji) and other control characters", () => {
    expect(
      findUnstorableText({ name: "Zoë 😀 Łódź", note: "line\nbreak\ttab", n: 3, list: [null, true] }),
    ).toBeNull();
    expect(findUnstorableText(undefined)).toBeNull();
  });
});

describe("waits in words", () => {
  it("uses the singular for one and whole minutes for long waits", () => {
    expect(waitWords(1)).toBe("1 second");
    expect(waitWords(0.2)).toBe("1 second");
    expect(waitWords(2)).toBe("2 seconds");
    expect(waitWords(89)).toBe("89 seconds");
    expect(waitWords(90)).toBe("2 minutes");
    expect(waitWords(600)).toBe("10 minutes");
  });
});
