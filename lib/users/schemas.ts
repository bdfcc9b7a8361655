import { z } from "zod";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  userInputsOf,
} from "@/lib/users/password-policy";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** Sign-in accepts what older rules allowed (up to 256 characters); new passwords follow the policy. */
export const SIGN_IN_PASSWORD_MAX_LENGTH = 256;

/** E-mail addresses are stored trimmed and lower-cased; the database enforces it. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."))
  .transform(normalizeEmail);
const email = emailSchema;

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/**
 * The strength rule, on the object so it sees the name and e-mail typed beside the password (or
 * given by the caller for forms without them). Asynchronous: the estimator's dictionaries load on
 * first use, so forms resolve with parseAsync (zodResolver's default) and actions safeParseAsync.
 */
function passwordPolicy<T extends { password: string; email?: string; name?: string }>(
  context: { email?: string; name?: string } = {},
) {
  return async (value: T, ctx: z.RefinementCtx) => {
    const problem = await passwordProblem(value.password, userInputsOf({ ...context, ...value }));
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  };
}

const confirmation = {
  path: ["confirmPassword"],
  message: "The two passwords do not match.",
};

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(SIGN_IN_PASSWORD_MAX_LENGTH),
});

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email,
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, confirmation)
  .superRefine(passwordPolicy());

/** A new password for a known account (change or reset): its e-mail and name count as guessable. */
export function newPasswordSchema(account: { email?: string; name?: string }) {
  return z
    .object({ password: newPassword, confirmPassword: z.string() })
    .refine((v) => v.password === v.confirmPassword, confirmation)
    .superRefine(passwordPolicy(account));
}

/** Changing one's password on the account page: the current one proves it is the owner. */
export function changePasswordSchema(account: { email?: string; name?: string }) {
  return z
    .object({
      currentPassword: z.string().min(1, "Enter your current password.").max(SIGN_IN_PASSWORD_MAX_LENGTH),
      password: newPassword,
      confirmPassword: z.string(),
    })
    .refine((v) => v.password === v.confirmPassword, confirmation)
    .superRefine(passwordPolicy(account));
}

/** Changing one's e-mail address on the account page. */
// The password field has a name of its own: the account page also has the password change form,
// and ids (the error summary's links) must be unique on a page.
export const changeEmailSchema = z.object({
  newEmail: emailSchema,
  emailChangePassword: z.string().min(1, "Enter your current password.").max(SIGN_IN_PASSWORD_MAX_LENGTH),
});

/** "Forgot password?" and "send the link again" without signing in: only an address. */
export const emailOnlySchema = z.object({ email: emailSchema });

export const roles = ["CUSTOMER", "SUPPORT", "ADMIN"] as const;
export type RoleName = (typeof roles)[number];

export const createAccountSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100),
    email,
    password: newPassword,
    role: z.enum(roles),
  })
  .superRefine(passwordPolicy());

export type SignInInput = z.input<typeof signInSchema>;
export type SignUpInput = z.input<typeof signUpSchema>;
export type CreateAccountInput = z.input<typeof createAccountSchema>;
export type NewPasswordInput = z.input<ReturnType<typeof newPasswordSchema>>;
export type ChangeEmailInput = z.input<typeof changeEmailSchema>;
export type EmailOnlyInput = z.input<typeof emailOnlySchema>;
export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;
