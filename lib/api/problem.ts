import type { FieldErrors } from "@/lib/field-errors";
import type { RefusalCode } from "@/lib/refusal";

// RFC 9457 problem details: every error of /api/v1 is one of these, with a stable `type` per
// kind so a client can branch on it, `title` per kind and `detail` for this occurrence.

export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Missing, unknown, revoked or expired API key" },
  forbidden: { status: 403, title: "The key's role does not allow this" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict with the current state" },
  not_allowed: { status: 409, title: "The order's state does not allow this" },
  in_flight: { status: 409, title: "A request with this Idempotency-Key is still being processed" },
  too_large: { status: 413, title: "Request body too large" },
  unsupported_media_type: { status: 415, title: "The body must be JSON" },
  bad_request: { status: 400, title: "Malformed request" },
  invalid: { status: 422, title: "The input is not valid" },
  idempotency_key_reused: { status: 422, title: "The Idempotency-Key was used with a different request" },
  rate_limited: { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Temporarily unavailable" },
  internal: { status: 500, title: "Internal error" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field errors keyed like the order form's fields (RFC 9457 extension member). */
  errors?: FieldErrors;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The anchor of a problem type on the reference page (/developers), where each is explained. */
export const problemAnchor = (type: ProblemType) => `problem-${type.replace(/_/g, "-")}`;

/** The problem's `type` URI (relative): the reference page's entry for it. */
export const problemTypeUri = (type: ProblemType) => `/developers#${problemAnchor(type)}`;

export function problemOf(type: ProblemType, detail: string, errors?: FieldErrors): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return {
    type: problemTypeUri(type),
    title,
    status,
    detail,
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  };
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...headers },
  });
}

/** The domain's refusal codes (lib/refusal.ts) as problem kinds. */
export const REFUSAL_PROBLEMS: Record<RefusalCode, ProblemType> = {
  invalid: "invalid",
  not_found: "not_found",
  conflict: "conflict",
  not_allowed: "not_allowed",
  forbidden: "forbidden",
  email_unverified: "forbidden",
};
