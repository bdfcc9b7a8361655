import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { mailDomain } from "@/lib/mail/config";
import { renderMail } from "@/lib/mail/render";
import type { TemplateData, TemplateName } from "@/lib/mail/templates";

// The only way a mail leaves the portal: a row in MailOutbox written with the transaction of the
// event that causes it (so a rolled-back event sends nothing, and a committed one is never
// forgotten), then sent by the mail worker (lib/mail/worker.ts), which a trigger wakes on commit.

export type MailWriter = PrismaClient | Prisma.TransactionClient;

export interface QueueMailInput<T extends TemplateName> {
  /** The recipient's address. */
  to: string;
  template: T;
  /**
   * What the template shows. Kept until the mail is sent, then erased: a single-use link (a
   * password reset) may be passed, but nothing else secret, and no link that outlives the mail.
   */
  data: TemplateData<T>;
  /** The recipient's account, if any: the footer's preferences link and the language come from it. */
  userId?: string | null;
  /** One mail per key, ever: e.g. `password-reset:<token id>`, `order-event:<event id>`. */
  dedupeKey: string;
  locale?: string;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export class MailInputError extends Error {
  override name = "MailInputError";
}

/**
 * Queues one mail in `tx` (a transaction client, or the client for a mail that has no other
 * write). Returns false when a mail with this dedupeKey was queued before (nothing changes).
 * Throws MailInputError for a bad address, an unknown template or data the template refuses.
 */
export async function queueMail<T extends TemplateName>(
  tx: MailWriter,
  input: QueueMailInput<T>,
): Promise<boolean> {
  const to = input.to.trim().toLowerCase();
  if (!ADDRESS.test(to) || to.length > 320) throw new MailInputError("The recipient's address is not valid.");
  if (!input.dedupeKey || input.dedupeKey.length > 300) throw new MailInputError("A dedupeKey is required.");
  try {
    // Rendered once now so that a wrong template or data fails with the event, not in the worker.
    renderMail({ template: input.template, locale: input.locale, data: input.data, userId: input.userId });
  } catch (error) {
    throw new MailInputError(`Mail "${input.template}" cannot be rendered: ${(error as Error).message}`);
  }
  const id = randomUUID();
  const { count } = await tx.mailOutbox.createMany({
    data: [
      {
        id,
        dedupeKey: input.dedupeKey,
        recipient: to,
        userId: input.userId ?? null,
        template: input.template,
        locale: input.locale ?? "en",
        data: input.data as Prisma.InputJsonValue,
        messageId: `<${id}@${mailDomain()}>`,
      },
    ],
    // ON CONFLICT DO NOTHING: a duplicate neither fails nor aborts the caller's transaction.
    skipDuplicates: true,
  });
  return count === 1;
}
