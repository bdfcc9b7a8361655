import { getCurrentUser } from "@/lib/auth/guards";
import { buildDownload, DOWNLOAD_FORMATS, type DownloadFormat } from "@/lib/certificates/formats";
import { getCertificateForViewer } from "@/lib/orders/queries/customer-order";

// GET /orders/<id>/certificate/<pem|der|chain|p7b>: the issued certificate in one format, for
// whoever may see the order. Built from the stored certificate, which was verified on collection.
export const dynamic = "force-dynamic";

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; format: string }> },
) {
  const user = await getCurrentUser();
  if (!user) return plain(401, "Sign in to download certificates.");
  const { id, format } = await params;
  if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format))
    return plain(404, `No such format; choose one of ${DOWNLOAD_FORMATS.join(", ")}.`);
  const stored = await getCertificateForViewer(user, id);
  if (!stored) return plain(404, "This order has no certificate you can download.");
  const file = buildDownload(stored, format as DownloadFormat, stored.externalOrderNumber);
  return new Response(Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
