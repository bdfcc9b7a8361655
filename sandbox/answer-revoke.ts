import { ENDPOINTS, REVOCATION_REASON_CODES, REVOKE_ERRORS } from "@/lib/sectigo/after-ordering";
import { byCode } from "./answers";
import { errorAnswer, findOrder, isError, urlEncoded, type Answer } from "./answer-kit";
import type { Engine } from "./engine";
import type { SandboxState } from "./state";

// !autoRevokeCertificate: on an order not yet issued it rejects (cancels) it, on an issued one
// it revokes the certificate; a second call answers "already" (spec §6).

export async function revoke(params: URLSearchParams, state: SandboxState, engine: Engine): Promise<Answer> {
  const p = ENDPOINTS.revoke.request;
  const found = findOrder(params, state, {
    orderNumber: p.orderNumber.wire,
    certificateId: p.certificateId.wire,
    serialNumber: p.serialNumber.wire,
  });
  state.count("revoke", isError(found) ? undefined : found);
  if (isError(found)) return errorAnswer(found);
  const rawCode = params.get(p.codeReason.wire)?.trim() || "0";
  const code = Number(rawCode);
  if (!(REVOCATION_REASON_CODES as readonly number[]).includes(code))
    return errorAnswer(byCode(-4, p.codeReason.wire));
  const text = params.get(p.revocationReason.wire) ?? "";
  if (text.length > 1024) return errorAnswer(byCode(-4, p.revocationReason.wire));

  await engine.progress(found);
  const { outcome } = found.lifecycle;
  if (outcome === "rejected") {
    return errorAnswer({
      code: REVOKE_ERRORS.alreadyRejected.code,
      message: "The order has already been rejected!",
    });
  }
  if (outcome === "revoked") {
    return errorAnswer({
      code: REVOKE_ERRORS.alreadyRevoked.code,
      message: "The certificate has already been revoked!",
    });
  }
  const certificate = found.lifecycle.certificate;
  if (outcome === "issued" && certificate && Date.parse(certificate.notAfter) < Date.now()) {
    return errorAnswer({ code: REVOKE_ERRORS.expired.code, message: "The certificate has expired!" });
  }
  const done = outcome === "issued" ? await engine.revoke(found, { code, text }) : await engine.reject(found);
  if (!done) return errorAnswer(byCode(-4, p.orderNumber.wire));
  return urlEncoded({ errorCode: "0" });
}
