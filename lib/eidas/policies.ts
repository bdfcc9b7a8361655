// Certificate policies of qualified certificates (ETSI EN 319 411-2 §5.3, TS 119 495 §6.1), with
// what each means to the customer. The sandbox CA issues them; the certificate page names them.

export const QUALIFIED_POLICIES = {
  natural: { oid: "0.4.0.194112.1.0", name: "QCP-n", words: "qualified certificate for a natural person" },
  legal: { oid: "0.4.0.194112.1.1", name: "QCP-l", words: "qualified certificate for a legal person (seal)" },
  naturalQscd: {
    oid: "0.4.0.194112.1.2",
    name: "QCP-n-qscd",
    words: "qualified certificate for a natural person, key on a QSCD",
  },
  legalQscd: {
    oid: "0.4.0.194112.1.3",
    name: "QCP-l-qscd",
    words: "qualified certificate for a legal person (seal), key on a QSCD",
  },
  web: {
    oid: "0.4.0.194112.1.4",
    name: "QCP-w",
    words: "qualified website authentication certificate (QWAC)",
  },
  webPsd2: { oid: "0.4.0.19495.3.1", name: "QCP-w-psd2", words: "QWAC for payment services under PSD2" },
} as const;

export type QualifiedPolicy = keyof typeof QUALIFIED_POLICIES;

/** The policy's name and meaning, or undefined for an OID that is not a qualified policy. */
export function describePolicy(oid: string): { name: string; words: string } | undefined {
  return Object.values(QUALIFIED_POLICIES).find((p) => p.oid === oid);
}
