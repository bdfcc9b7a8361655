import "server-only";
import { env } from "@/lib/env";
import { resolvePublic, WebhookAddressError } from "@/lib/webhooks/address";

/**
 * Why `url` may not receive webhooks (its host resolves to a loopback, private or other
 * non-public address, or not at all), or null when it may. Checked at registration; delivery
 * resolves again (lib/webhooks/post.ts). WEBHOOK_ALLOW_PRIVATE_URLS turns the check off.
 */
export async function refusedWebhookUrl(url: string): Promise<string | null> {
  if (env().WEBHOOK_ALLOW_PRIVATE_URLS) return null;
  try {
    await resolvePublic(new URL(url).hostname);
    return null;
  } catch (error) {
    if (error instanceof WebhookAddressError)
      return `This URL cannot receive webhooks: ${error.message}. Use a public address.`;
    throw error;
  }
}
