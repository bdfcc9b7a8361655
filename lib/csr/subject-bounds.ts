import type { Name } from "@peculiar/asn1-x509";

// Upper bounds of the subject's attributes, in characters (not bytes). A CA builds the
// certificate's subject from the CSR's and cannot issue a value longer than the standard allows,
// so such a CSR is refused at the CA; here it is refused at the CSR step, naming the field.

interface Bound {
  label: string;
  max: number;
}

const BOUNDS: Record<string, Bound> = {
  // RFC 5280 Appendix A.1 (ub-common-name, ub-organization-name, ...).
  "2.5.4.3": { label: "common name (CN)", max: 64 },
  "2.5.4.10": { label: "organization (O)", max: 64 },
  "2.5.4.11": { label: "organizational unit (OU)", max: 64 },
  "2.5.4.7": { label: "city or locality (L)", max: 128 },
  "2.5.4.8": { label: "state or province (ST)", max: 128 },
  "2.5.4.5": { label: "serial number (serialNumber)", max: 64 },
  "2.5.4.12": { label: "title", max: 64 },
  "2.5.4.65": { label: "pseudonym", max: 128 },
  // ub-emailaddress-length: 255 since RFC 5280 (128 in RFC 3280), as in PKCS #9.
  "1.2.840.113549.1.9.1": { label: "e-mail address (emailAddress)", max: 255 },
  // X.520 ub-street-address and ub-postal-code (as the Baseline Requirements §7.1.4.2 list them).
  "2.5.4.9": { label: "street address (street)", max: 128 },
  "2.5.4.17": { label: "postal code (postalCode)", max: 40 },
};

const COUNTRY_NAME = "2.5.4.6";

export type SubjectBoundViolation =
  { kind: "too-long"; label: string; length: number; max: number } | { kind: "country"; value: string };

/**
 * The subject values that exceed their upper bound, and a countryName that is not two letters
 * (X.520 countryName: PrintableString (SIZE (2)), the ISO 3166 alpha-2 code). Every value of
 * every attribute counts, not only the first: the CA would have to put each in the certificate.
 */
export function subjectBoundViolations(subject: Name): SubjectBoundViolation[] {
  const violations: SubjectBoundViolation[] = [];
  for (const rdn of subject) {
    for (const { type, value } of rdn) {
      // Values outside DirectoryString and IA5String (anyValue) have no character count here.
      if (value.anyValue) continue;
      const text = value.toString();
      if (type === COUNTRY_NAME) {
        if (!/^[A-Za-z]{2}$/.test(text)) violations.push({ kind: "country", value: text });
        continue;
      }
      const bound = BOUNDS[type];
      const length = [...text].length;
      if (bound && length > bound.max)
        violations.push({ kind: "too-long", label: bound.label, length, max: bound.max });
    }
  }
  return violations;
}
