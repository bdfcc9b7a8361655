import { describe, expect, it } from "vitest";
import { estimatePassword, passwordProblem, userInputsOf } from "@/lib/users/password-policy";
import {
  changePasswordSchema,
  createAccountSchema,
  newPasswordSchema,
  signUpSchema,
} from "@/lib/users/schemas";

// The same rule runs in the browser (zodResolver) and in the server actions (safeParseAsync).
const signUp = (password: string, extra: Record<string, string> = {}) =>
  signUpSchema.safeParseAsync({
    name: "Anna Example",
    email: "anna@example.com",
    password,
    confirmPassword: password,
    ...extra,
  });

const passwordErrors = (result: Awaited<ReturnType<typeof signUp>>) =>
  result.success ? [] : result.error.issues.filter((i) => i.path[0] === "password").map((i) => i.message);

describe("the password policy", () => {
  it("refuses common and weak passwords of the required length", async () => {
    for (const weak of [
      "password1234",
      "            ",
      "qwertyuiop12",
      "123456789012",
      "Password2026!",
      "aaaaaaaaaaaaaaaa",
    ]) {
      const result = await signUp(weak);
      expect(result.success, weak).toBe(false);
      expect(passwordErrors(result)[0], weak).toMatch(/too easy to guess/);
    }
  });

  it("refuses a password made of the person's own name or e-mail address", async () => {
    const own = "annaexample2026";
    expect((await estimatePassword(own)).acceptable).toBe(true);
    expect(passwordErrors(await signUp(own, { email: "annaexample2026@example.com" }))).toHaveLength(1);
    expect(
      await passwordProblem(own, userInputsOf({ name: "Anna Example", email: "annaexample2026@x.eu" })),
    ).toMatch(/too easy/);
  });

  it("accepts a long passphrase, spaces included, up to 128 characters", async () => {
    expect((await signUp("correct horse battery staple")).success).toBe(true);
    expect((await signUp("lantern orbit pickle gravel")).success).toBe(true);
    const long = "walnut ferry ".repeat(9) + "ok"; // 119 characters
    expect((await signUp(long)).success).toBe(true);
    expect(passwordErrors(await signUp("x".repeat(129)))).toEqual(["Use at most 128 characters."]);
  });

  it("keeps the length rule first, and never reports the estimator for a short password", async () => {
    expect(passwordErrors(await signUp("short"))).toEqual(["Use at least 12 characters."]);
  });

  it("is part of every schema that sets a new password", async () => {
    const weak = { password: "password1234", confirmPassword: "password1234" };
    expect((await newPasswordSchema({ email: "a@example.com" }).safeParseAsync(weak)).success).toBe(false);
    expect((await changePasswordSchema({}).safeParseAsync({ ...weak, currentPassword: "x" })).success).toBe(
      false,
    );
    const admin = { name: "Sam", email: "sam@example.com", password: "password1234", role: "SUPPORT" };
    expect((await createAccountSchema.safeParseAsync(admin)).success).toBe(false);
    const strong = { password: "quiet meadow rocket 7", confirmPassword: "quiet meadow rocket 7" };
    expect((await newPasswordSchema({ email: "a@example.com" }).safeParseAsync(strong)).success).toBe(true);
  });

  it("gives the meter a label and advice in words", async () => {
    const weak = await estimatePassword("password1234");
    expect(weak).toMatchObject({ acceptable: false, label: expect.stringMatching(/weak/) });
    expect(weak.warning).toBeTruthy();
    const strong = await estimatePassword("correct horse battery staple");
    expect(strong).toMatchObject({ acceptable: true, score: 4, label: "very strong" });
  });
});
