import { z } from "zod";
import { organizationIdSchema } from "@/lib/organizations/schemas";
import { UNSTORABLE, UNSTORABLE_MESSAGE } from "@/lib/text";
import { API_KEY_ROLE_NAMES } from "@/lib/api-keys/roles";

// The API key form's schemas, shared by the browser and the server actions.

/** The last day a key may be set to expire: keys are meant to be rotated. */
export const MAX_KEY_DAYS = 730;

export const createApiKeySchema = z.object({
  organizationId: organizationIdSchema,
  name: z
    .string()
    .trim()
    .min(2, "Name the key (at least 2 characters), e.g. the system that uses it.")
    .max(100, "The name has at most 100 characters.")
    .refine((v) => !UNSTORABLE.test(v), UNSTORABLE_MESSAGE),
  role: z.enum(API_KEY_ROLE_NAMES, "Choose what the key may do."),
  /** A calendar date (YYYY-MM-DD); empty: the key does not expire. */
  expiresOn: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T23:59:59.999Z`) : null;
      const now = Date.now();
      if (
        !day ||
        Number.isNaN(day.getTime()) ||
        day.getTime() <= now ||
        day.getTime() > now + MAX_KEY_DAYS * 86_400_000
      ) {
        ctx.addIssue({
          code: "custom",
          message: `Choose a day from tomorrow to ${MAX_KEY_DAYS} days ahead, or none.`,
        });
        return z.NEVER;
      }
      return day;
    }),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({
  organizationId: organizationIdSchema,
  keyId: z.string().min(1).max(40),
});
