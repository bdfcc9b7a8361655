import type { DecodedCsr } from "@/lib/csr";
import type { Product } from "@/lib/sectigo/products";
import { PSD2_ROLE_KEYS, type FieldKey } from "@/lib/sectigo/registry";
import {
  checkLegalIdentifier,
  checkPersonalSemanticsIdentifier,
  parseIdentifier,
  parsePsdIdentifier,
} from "./identifiers";
import { ncaById } from "./nca";
import type { Psd2Role } from "./qc-statements";

// What makes an eIDAS order right beyond each field's own shape: the identifiers by the standards,
// and the order agreeing with its CSR (the identifier, the natural person's serialNumber, the PSD2
// authority and roles the CSR asks for). Part of the order schema, so the wizard (browser) and the
// server refuse the same orders, before anything is sent to Sectigo.

type Issue = (key: FieldKey, message: string) => void;
type Values = Readonly<Record<string, unknown>>;

const TS_PSD2_NCA = "ETSI TS 119 495 §5.2.2";

/** The registry's role flag for each TS 119 495 role, in the order of PSD2_ROLE_KEYS. */
export const ROLE_FIELDS: Record<Psd2Role, FieldKey> = {
  PSP_AS: PSD2_ROLE_KEYS[0],
  PSP_PI: PSD2_ROLE_KEYS[1],
  PSP_AI: PSD2_ROLE_KEYS[2],
  PSP_IC: PSD2_ROLE_KEYS[3],
};

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function withRule(problem: { rule: string; message: string }): string {
  return `${problem.message} (${problem.rule})`;
}

/** The CSR's value beside the form's, in one sentence the field shows. */
function sideBySide(what: string, fromCsr: string, fromForm: string): string {
  return `Your CSR says ${what} ${fromCsr}, this form says ${fromForm}. Make them the same (or change the CSR), so the certificate names what Sectigo validates.`;
}

function rolesOf(values: Values): Psd2Role[] {
  return (Object.keys(ROLE_FIELDS) as Psd2Role[]).filter((role) => values[ROLE_FIELDS[role]] === true);
}

function checkPsd2(
  values: Values,
  csr: DecodedCsr | undefined,
  issue: Issue,
  flagged: ReadonlySet<FieldKey>,
) {
  const identifier = text(values.organizationIdentifier);
  const ncaId = text(values.ncaId);
  if (identifier && !flagged.has("organizationIdentifier") && !parsePsdIdentifier(identifier)) {
    issue(
      "organizationIdentifier",
      "A PSD2 certificate carries your PSD2 authorisation number as organization identifier: PSD, the authority's country, its code and your number, e.g. PSDDE-BAFIN-123456 (ETSI TS 119 495 §5.2.1).",
    );
  }
  if (ncaId && !flagged.has("ncaId") && !ncaById(ncaId)) {
    issue(
      "ncaId",
      `${ncaId} is not on the EBA's list of PSD2 authorities; choose your authority from the list, e.g. DE-BAFIN (${TS_PSD2_NCA}).`,
    );
    return;
  }
  const psd = identifier ? parsePsdIdentifier(identifier) : null;
  if (psd && ncaId && psd.ncaId !== ncaId && ncaById(psd.ncaId)) {
    issue(
      "ncaId",
      `Your authorisation number ${identifier} was given by ${psd.ncaId}, but the authority chosen here is ${ncaId}: they must be the same authority (${TS_PSD2_NCA}).`,
    );
  }
  const requested =
    csr?.qcStatements && csr.qcStatements !== "unreadable" ? csr.qcStatements.psd2 : undefined;
  if (!requested) return;
  if (ncaId && requested.ncaId && requested.ncaId !== ncaId) {
    issue("ncaId", sideBySide("the authority is", requested.ncaId, ncaId));
  }
  const chosen = rolesOf(values);
  const wanted = [...requested.roles].sort();
  if (chosen.length > 0 && chosen.sort().join() !== wanted.join()) {
    issue(
      PSD2_ROLE_KEYS[0],
      sideBySide("the PSD2 roles are", wanted.join(", ") || "none", chosen.join(", ")),
    );
  }
}

/** Each semantics identifier by its standard (run before the fields' generic checks). */
export function checkIdentifiers(values: Values, issue: Issue, flagged: ReadonlySet<FieldKey>): void {
  const identifier = text(values.organizationIdentifier);
  if (identifier && !flagged.has("organizationIdentifier")) {
    const problem = checkLegalIdentifier(identifier);
    if (problem) issue("organizationIdentifier", withRule(problem));
  }
  const personal = text(values.personalIdentifier);
  if (personal && !flagged.has("personalIdentifier")) {
    const problem = checkPersonalSemanticsIdentifier(personal);
    if (problem) issue("personalIdentifier", withRule(problem));
  }
}

/**
 * The order against its product and CSR: the PSD2 identifier and authority, and the subject
 * identifiers the CSR names. `flagged` holds the fields that already have a problem, so a field
 * shows its first problem only.
 */
export function checkOrderAgainstCsr(
  product: Product,
  values: Values,
  csr: DecodedCsr | undefined,
  issue: Issue,
  flagged: ReadonlySet<FieldKey>,
): void {
  if (product.psd2) checkPsd2(values, csr, issue, flagged);

  // A CSR carrying a wrong organization identifier is stopped at the CSR step, where the only
  // fix (a new CSR) is made, not two steps later at the field it fills in.
  const fromCsr = csr?.subject.organizationIdentifier?.trim();
  const csrProblem = product.person === "legal" && fromCsr ? checkLegalIdentifier(fromCsr) : null;
  if (csrProblem && !flagged.has("csr")) {
    issue(
      "csr",
      `Your CSR's organization identifier ${fromCsr} is not valid: ${withRule(csrProblem)} Make a new CSR with the right identifier.`,
    );
  }

  // The CSR and the form must name the same subject identifier; with "Prefer the values in the
  // CSR" Sectigo takes the CSR's, and the review step shows both.
  if (!csr || values.prioritiseCSRValues === true) return;
  const identifier = text(values.organizationIdentifier);
  const personal = text(values.personalIdentifier);
  const csrOrganization = csr.subject.organizationIdentifier?.trim();
  if (product.person === "legal" && csrOrganization && identifier && csrOrganization !== identifier) {
    issue(
      "organizationIdentifier",
      sideBySide("the organization identifier is", csrOrganization, identifier),
    );
  }
  const csrSerial = csr.subject.serialNumber?.trim();
  if (
    product.person === "natural" &&
    csrSerial &&
    personal &&
    parseIdentifier(csrSerial) &&
    csrSerial !== personal
  ) {
    issue("personalIdentifier", sideBySide("the personal identifier (serialNumber) is", csrSerial, personal));
  }
}
