// "What Sectigo still needs": the checklist of a placed order, built from what the status job
// learnt from Sectigo (lib/orders/lifecycle/track.ts). Browser-safe and pure: the order pages
// render it, the status job diffs it to write the order's timeline.

export type ChecklistState = "done" | "waiting_customer" | "waiting_ca" | "failed";

export interface ChecklistItem {
  /** Stable key: csr, agreement, organization, callback, documents, dcv:<domain>, shipping. */
  key: string;
  label: string;
  state: ChecklistState;
  /** What it means now, in plain words (Sectigo's description when it gave one). */
  detail: string;
  /** When the item last changed state (ISO). */
  changedAt: string;
}

/** A validation step as Sectigo's !getPostPaymentStatus reports it. */
export interface StepSnapshot {
  state: ChecklistState | "not_required";
  title?: string;
  description?: string;
}

export interface DomainSnapshot {
  domainName: string;
  /** EMAIL | HTTP_CSR_HASH | HTTPS_CSR_HASH | CNAME_CSR_HASH */
  method: string;
  status: "validated" | "pending" | "failed";
}

/** Everything one status check learnt, in the portal's terms. */
export interface TrackingSnapshot {
  steps: Partial<Record<"csr" | "agreement" | "organization" | "callback", StepSnapshot>>;
  uploadUrl?: string;
  domains?: DomainSnapshot[];
  /** A natural person's product: Sectigo checks the person's identity, not an organization. */
  naturalPerson?: boolean;
  /** The product ships a QSCD token; trackingNumber once Sectigo has shipped it. */
  shipsToken: boolean;
  trackingNumber?: string;
  issued: boolean;
}

export const STATE_WORDS: Record<ChecklistState, string> = {
  done: "Done",
  waiting_customer: "Waiting for you",
  waiting_ca: "Waiting for Sectigo",
  failed: "Needs attention",
};

type StepKey = "csr" | "agreement" | "organization" | "callback";

const STEP_LABELS: Record<StepKey, string> = {
  csr: "Certificate request (CSR)",
  agreement: "Subscriber agreement",
  organization: "Organization check",
  callback: "Callback to the applicant's representative",
};

const STEP_DETAILS: Record<StepKey, Record<ChecklistState, string>> = {
  csr: {
    done: "Sectigo accepted the certificate request.",
    waiting_customer: "Sectigo needs a new certificate request; support will contact you.",
    waiting_ca: "Sectigo is checking the certificate request.",
    failed: "Sectigo could not use the certificate request.",
  },
  agreement: {
    done: "The subscriber agreement was accepted.",
    waiting_customer:
      "Accept the subscriber agreement in the e-mail Sectigo sent to the applicant (look in the spam folder too).",
    waiting_ca: "Sectigo is recording the subscriber agreement.",
    failed: "Sectigo could not record the subscriber agreement.",
  },
  organization: {
    done: "Sectigo confirmed the organization's identity and registration.",
    waiting_customer: "Sectigo needs documents about the organization: see the item below.",
    waiting_ca: "Sectigo is checking the organization in official registers.",
    failed: "Sectigo could not confirm the organization.",
  },
  callback: {
    done: "Sectigo spoke to the applicant's representative.",
    waiting_customer:
      "Sectigo will call the applicant's representative: make sure the phone number is answered.",
    waiting_ca: "Sectigo is arranging the verification call.",
    failed: "The verification call did not succeed; Sectigo will try again or contact you.",
  },
};

// A natural person's certificate: the same row of Sectigo's answer (organizationStatus) is the
// check of the person's identity, and the documents are an identity document.
const IDENTITY_LABEL = "Identity check";
const IDENTITY_DETAILS: Record<ChecklistState, string> = {
  done: "Sectigo confirmed your identity.",
  waiting_customer: "Sectigo needs to confirm your identity: see the item below.",
  waiting_ca: "Sectigo is checking your identity.",
  failed: "Sectigo could not confirm your identity.",
};

const DOCUMENTS_LABEL = "Documents for Sectigo";
const DOCUMENTS_DETAILS: Record<"legal" | "natural", Record<ChecklistState, string>> = {
  legal: {
    waiting_customer:
      "Sectigo asked for documents about the organization (e.g. a recent company register extract, and an authorisation of the applicant): upload them with the link below.",
    waiting_ca: "Sectigo is reviewing the documents.",
    done: "Sectigo has the documents it needed.",
    failed: "Sectigo could not accept the documents; support will contact you.",
  },
  natural: {
    waiting_customer:
      "Sectigo asked for a copy of your identity document (passport or national identity card): upload it with the link below, or follow Sectigo's e-mail if it offers a video identification.",
    waiting_ca: "Sectigo is reviewing your identity document.",
    done: "Sectigo has the documents it needed.",
    failed: "Sectigo could not accept the identity document; support will contact you.",
  },
};

const DOMAIN_DETAIL: Record<DomainSnapshot["status"], (method: string) => string> = {
  validated: () => "Sectigo confirmed control of this domain.",
  pending: (method) =>
    method === "EMAIL"
      ? "Open the link in the validation e-mail Sectigo sent for this domain."
      : "Publish the value shown under Domain validation; Sectigo checks it regularly.",
  failed: () =>
    "Sectigo could not confirm control of this domain: check the published value or change the method.",
};

function domainState(status: DomainSnapshot["status"]): ChecklistState {
  return status === "validated" ? "done" : status === "failed" ? "failed" : "waiting_customer";
}

/** The checklist now; an item whose state did not change keeps its date. */
export function buildChecklist(
  previous: readonly ChecklistItem[],
  snapshot: TrackingSnapshot,
  now: Date,
): ChecklistItem[] {
  const before = new Map(previous.map((item) => [item.key, item]));
  const items: Omit<ChecklistItem, "changedAt">[] = [];
  const hadDocuments = before.has("documents");
  for (const key of ["csr", "agreement", "organization", "callback"] as const) {
    const step = snapshot.steps[key];
    if (!step || step.state === "not_required") continue;
    const state = snapshot.issued ? "done" : step.state;
    const identity = key === "organization" && snapshot.naturalPerson === true;
    // Documents only when Sectigo's answer asks for them: the check waits for the customer and
    // an upload link came with it. Once asked, the item stays, to its outcome.
    const asked = state === "waiting_customer" && Boolean(snapshot.uploadUrl);
    let ours = identity ? IDENTITY_DETAILS[state] : STEP_DETAILS[key][state];
    if (key === "organization" && state === "waiting_customer" && !asked)
      ours =
        "Sectigo needs something from you for this check: follow its e-mail (look in the spam folder too).";
    items.push({
      key,
      label: identity ? IDENTITY_LABEL : STEP_LABELS[key],
      state,
      // Sectigo's own words while the step is as Sectigo reported it; ours once issued.
      detail: (!snapshot.issued && step.description) || ours,
    });
    if (key === "organization" && (asked || hadDocuments))
      items.push({
        key: "documents",
        label: DOCUMENTS_LABEL,
        state,
        detail: DOCUMENTS_DETAILS[snapshot.naturalPerson ? "natural" : "legal"][state],
      });
  }
  // An issued order whose last answer no longer lists the step keeps the documents it had, done.
  if (hadDocuments && !items.some((i) => i.key === "documents") && snapshot.issued)
    items.push({
      key: "documents",
      label: DOCUMENTS_LABEL,
      state: "done",
      detail: DOCUMENTS_DETAILS[snapshot.naturalPerson ? "natural" : "legal"].done,
    });
  for (const domain of snapshot.domains ?? []) {
    const state = snapshot.issued ? "done" : domainState(domain.status);
    items.push({
      key: `dcv:${domain.domainName}`,
      label: `Domain validation: ${domain.domainName}`,
      state,
      detail: DOMAIN_DETAIL[state === "done" ? "validated" : domain.status](domain.method),
    });
  }
  if (snapshot.shipsToken)
    items.push(
      snapshot.trackingNumber
        ? {
            key: "shipping",
            label: "Token shipping",
            state: "done",
            detail: `Sectigo shipped the token; tracking number ${snapshot.trackingNumber}.`,
          }
        : {
            key: "shipping",
            label: "Token shipping",
            state: "waiting_ca",
            detail: "Sectigo ships the token once validation is complete.",
          },
    );
  return items.map((item) => {
    const old = before.get(item.key);
    return { ...item, changedAt: old && old.state === item.state ? old.changedAt : now.toISOString() };
  });
}

/** The items whose state changed (or appeared) between two checklists, for the timeline. */
export function checklistChanges(
  previous: readonly ChecklistItem[],
  next: readonly ChecklistItem[],
): ChecklistItem[] {
  const before = new Map(previous.map((item) => [item.key, item.state]));
  return next.filter((item) => before.get(item.key) !== item.state);
}

/** Reads a stored checklist back; anything malformed is dropped rather than shown. */
export function storedChecklist(value: unknown): ChecklistItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is ChecklistItem =>
      typeof v === "object" &&
      v !== null &&
      typeof (v as ChecklistItem).key === "string" &&
      typeof (v as ChecklistItem).label === "string" &&
      (v as ChecklistItem).state in STATE_WORDS &&
      typeof (v as ChecklistItem).changedAt === "string",
  );
}
