import { z } from "zod";

// Inputs of the second-factor forms, checked again by every action.
export const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(40, "A code has at most 40 characters."),
});

export const passwordSchema = z.object({
  password: z.string().min(1, "Enter your current password.").max(1000),
});

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name, e.g. the device it is on.")
  .max(60, "A name has at most 60 characters.");

/** A browser's WebAuthn answer travels as JSON text; the library checks its content. */
export const webauthnResponseSchema = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The passkey's answer could not be read." });
      return z.NEVER;
    }
  });
