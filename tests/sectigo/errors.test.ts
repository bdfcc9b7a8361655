import { describe, expect, it } from "vitest";
import { classifySectigoError, ERROR_CATALOGUE } from "@/lib/sectigo/errors";

describe("error catalogue", () => {
  it("has all 51 rows of the spec, with explanations, and numbers only where recovered", () => {
    expect(ERROR_CATALOGUE.map((e) => e.row)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    for (const entry of ERROR_CATALOGUE) {
      expect(entry.explanation.length, String(entry.row)).toBeGreaterThan(20);
      if (entry.code === null) expect(entry.codeGrade).toBe("C");
    }
    const known = ERROR_CATALOGUE.filter((e) => e.code !== null).map((e) => e.code);
    expect(known).toEqual([
      -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -40, -91, -115,
      -162,
    ]);
  });

  it.each([
    [-1, "Request was not made over https!", "needs-review"],
    [-17, "Request used GET rather than POST!", "needs-review"],
    [-2, "'foo' is an unrecognised argument!", "needs-review"],
    [-5, "The CSR's Common Name may NOT contain a wildcard!", "input"],
    [-13, "The CSR uses an unsupported key size!", "input"],
    [-18, "x", "input"],
    [-40, "x", "input"],
    [-162, "x", "input"],
    [-15, "Not enough credit!", "account"],
    [-16, "Permission denied!", "account"],
    [-91, "Permission denied", "account"],
    [-14, "An unknown error occurred!", "transient"],
  ])("code %i classifies as %s", (code, message, expected) => {
    expect(classifySectigoError(code, message).class).toBe(expected);
  });

  it("maps the quoted wire name of -2/-3/-4 back to the field", () => {
    expect(classifySectigoError(-4, "The value of the 'SmartCardBased' argument is invalid!")).toMatchObject({
      class: "input",
      field: "smartCardBased",
      wireName: "SmartCardBased",
    });
    expect(classifySectigoError(-3, "The 'semanticsIdentifier' argument is missing!").field).toBe(
      "personalIdentifier",
    );
    const explained = classifySectigoError(-3, "The 'postalCode' argument is missing!");
    expect(explained.explanation).toContain("Postal code");
  });

  it("treats a missing client-supplied parameter as our bug", () => {
    expect(classifySectigoError(-3, "The 'loginPassword' argument is missing!")).toMatchObject({
      class: "needs-review",
      field: null,
    });
  });

  it("finds the country field for -7 from the sent values", () => {
    const sent = { countryName: "DE", joiCountryName: "QQ" };
    expect(
      classifySectigoError(-7, "'QQ' is not a valid ISO-3166 country!", { sentParams: sent }).field,
    ).toBe("joiCountryName");
  });

  it("never branches on a grade-C number, only on the message", () => {
    expect(classifySectigoError(-160, "General error")).toMatchObject({ class: "needs-review", entry: null });
    expect(
      classifySectigoError(-150, "Semantic error. TAX is no longer a valid value. Use TIN instead."),
    ).toMatchObject({
      class: "input",
      field: "personalIdentifier",
      entry: { row: 45 },
    });
    expect(classifySectigoError(-47, "The provided request token has already been used.")).toMatchObject({
      class: "input",
      field: "uniqueValue",
    });
  });

  it("recognises a duplicate external order number by message or configured code", () => {
    expect(classifySectigoError(-9000, "The 'foreignOrderNumber' value has already been used!").class).toBe(
      "duplicate-fon",
    );
    expect(classifySectigoError(-42, "foreignOrderNumber is not unique").class).toBe("duplicate-fon");
    expect(classifySectigoError(-999, "Duplicate!", { duplicateFonCodes: [-999] }).class).toBe(
      "duplicate-fon",
    );
    expect(classifySectigoError(-999, "Duplicate!").class).toBe("needs-review");
  });

  it("keeps unknown errors verbatim for review", () => {
    const unknown = classifySectigoError(-777, "Something new & strange");
    expect(unknown).toMatchObject({
      class: "needs-review",
      entry: null,
      message: "Something new & strange",
      field: null,
    });
  });
});
