import { requireRole } from "@/lib/auth/guards";
import { getCaughtMail } from "@/lib/mail/caught";

// A caught mail's HTML part as its own document. proxy.ts gives it MAIL_VIEW_POLICY: sandboxed,
// no script, nothing loaded from anywhere; only the mail's own inline styles apply.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await requireRole("ADMIN");
  const mail = await getCaughtMail(admin, (await params).id);
  return new Response(mail.html ?? "", {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
