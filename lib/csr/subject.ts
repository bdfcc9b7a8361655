import type { Name as AsnName } from "@peculiar/asn1-x509";
import type { CsrSubject } from "./types";
import { x509 } from "./x509";

// In the order a DN is conventionally written in DER (most general first, CN last), which is
// also the order generateKeyAndCsr writes them.
const SUBJECT_ATTRIBUTES = [
  ["countryName", "2.5.4.6"],
  ["stateOrProvinceName", "2.5.4.8"],
  ["localityName", "2.5.4.7"],
  ["postalCode", "2.5.4.17"],
  ["streetAddress", "2.5.4.9"],
  ["organizationName", "2.5.4.10"],
  ["organizationalUnitName", "2.5.4.11"],
  ["organizationIdentifier", "2.5.4.97"],
  ["serialNumber", "2.5.4.5"],
  ["surname", "2.5.4.4"],
  ["givenName", "2.5.4.42"],
  ["commonName", "2.5.4.3"],
  ["emailAddress", "1.2.840.113549.1.9.1"],
] as const satisfies readonly (readonly [keyof CsrSubject, string])[];

const COMMON_NAME = "2.5.4.3";
const EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
const COUNTRY_NAME = "2.5.4.6";

// Labels @peculiar/x509 lacks (it would print bare OIDs), as OpenSSL and ETSI write them.
const DISPLAY_NAMES: Record<string, string> = {
  "2.5.4.97": "organizationIdentifier",
  "2.5.4.5": "serialNumber",
  "2.5.4.9": "street",
  "2.5.4.17": "postalCode",
  "2.5.4.42": "GN",
};

export interface SubjectReading {
  subject: CsrSubject;
  subjectDn: string;
  /** Every CN value; a CSR may carry more than one and each must pass the name rules. */
  commonNames: string[];
}

/** A distinguished name as people read it: organizationIdentifier, serialNumber, never bare OIDs. */
export function displayName(name: x509.Name): string {
  return new x509.Name(name.toArrayBuffer(), DISPLAY_NAMES).toString();
}

/**
 * The subject read from the parsed ASN.1 name the CSR already holds: wrapping that structure
 * with the display labels costs nothing, where an x509.Name would be serialised and parsed again
 * (a quarter of a CSR's decoding time).
 */
export function readSubject(name: AsnName): SubjectReading {
  const display = new x509.Name(name, DISPLAY_NAMES);
  const subject: CsrSubject = {};
  for (const [field, oid] of SUBJECT_ATTRIBUTES) {
    const value = display.getField(oid).find((item) => item.trim().length > 0);
    if (value !== undefined) subject[field] = value;
  }
  return {
    subject,
    subjectDn: display.toString(),
    commonNames: display.getField(COMMON_NAME),
  };
}

// Values go in as typed ASN.1 strings: plain strings would let a leading "#" be read as hex and
// backslashes as escapes by x509's string parser.
function encodeValue(oid: string, value: string): x509.JsonAttributeObject {
  if (oid === EMAIL_ADDRESS) return { ia5String: value };
  if (oid === COUNTRY_NAME) return { printableString: value.toUpperCase() };
  // PrintableString where the characters allow it: X.520 requires it for serialNumber and
  // older relying parties expect it elsewhere.
  return x509.Name.isPrintableString(value) ? { printableString: value } : { utf8String: value };
}

/** The subject as an x509 JSON name with OID keys, one attribute per RDN, empty fields left out. */
export function subjectToJsonName(subject: CsrSubject): x509.JsonNameParams {
  const name: x509.JsonNameParams = [];
  for (const [field, oid] of SUBJECT_ATTRIBUTES) {
    const value = subject[field]?.trim();
    if (value) name.push({ [oid]: [encodeValue(oid, value)] });
  }
  return name;
}
