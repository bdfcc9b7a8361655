// Just enough DER reading for what @peculiar/x509 keeps private (its parsed ASN.1 is a
// protected member): the outer length of a CSR, its algorithm OIDs and the RSA modulus size.

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const NULL = 0x05;
const ECDSA_SIGNATURE_PREFIX = "1.2.840.10045.4.";
const RSA_PKCS1_PREFIX = "1.2.840.113549.1.1.";
const RSASSA_PSS = "1.2.840.113549.1.1.10";

interface Header {
  tag: number;
  headerLength: number;
  contentLength: number;
}

function readHeader(bytes: Uint8Array): Header | null {
  const tag = bytes[0];
  const first = bytes[1];
  if (tag === undefined || first === undefined) return null;
  if (first < 0x80) return { tag, headerLength: 2, contentLength: first };
  const count = first & 0x7f;
  // 0x80 is BER's indefinite length, never valid DER; more than 4 length bytes is absurd here.
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let contentLength = 0;
  for (let i = 0; i < count; i++) contentLength = contentLength * 256 + (bytes[2 + i] ?? 0);
  return { tag, headerLength: 2 + count, contentLength };
}

/** One TLV element: its tag and the content bytes. */
export interface DerElement {
  tag: number;
  content: Uint8Array;
  /** Header and content together. */
  encoded: Uint8Array;
}

function readElement(bytes: Uint8Array): DerElement | null {
  const header = readHeader(bytes);
  if (!header) return null;
  const end = header.headerLength + header.contentLength;
  if (end > bytes.length) return null;
  return {
    tag: header.tag,
    content: bytes.subarray(header.headerLength, end),
    encoded: bytes.subarray(0, end),
  };
}

/** The elements inside a constructed element's content, or null when malformed. */
export function derChildren(content: Uint8Array): DerElement[] | null {
  const children: DerElement[] = [];
  let rest = content;
  while (rest.length > 0) {
    const child = readElement(rest);
    if (!child) return null;
    children.push(child);
    rest = rest.subarray(child.encoded.length);
  }
  return children;
}

/** True when the bytes are exactly one DER SEQUENCE, with nothing missing or left over. */
export function isSingleDerSequence(bytes: Uint8Array): boolean {
  const header = readHeader(bytes);
  return (
    header !== null && header.tag === SEQUENCE && header.headerLength + header.contentLength === bytes.length
  );
}

/** Dotted form of a DER-encoded OBJECT IDENTIFIER (tag included), or null when malformed. */
export function decodeDerOid(bytes: Uint8Array): string | null {
  const header = readHeader(bytes);
  if (!header || header.tag !== OBJECT_IDENTIFIER) return null;
  const content = bytes.subarray(header.headerLength, header.headerLength + header.contentLength);
  if (content.length === 0 || content.length !== header.contentLength) return null;
  const arcs: bigint[] = [];
  let value = 0n;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i] ?? 0;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    } else if (i === content.length - 1) {
      return null;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].map(String).join(".");
}

function sequenceChildren(element: DerElement | undefined): DerElement[] | null {
  return element?.tag === SEQUENCE ? derChildren(element.content) : null;
}

export interface CsrAlgorithms {
  keyOid: string;
  /** DER of the key algorithm's parameters (an EC key's named curve), when present. */
  keyParameters?: Uint8Array;
  /** The subjectPublicKey BIT STRING's bits (an RSA key's RSAPublicKey). */
  publicKey: Uint8Array;
  signatureOid: string;
}

/** Reads the key and signature algorithm identifiers of a DER CertificationRequest. */
export function readCsrAlgorithms(der: Uint8Array): CsrAlgorithms | null {
  const top = sequenceChildren(readElement(der) ?? undefined);
  const info = sequenceChildren(top?.[0]);
  const signatureOid = decodeDerOid(sequenceChildren(top?.[1])?.[0]?.encoded ?? new Uint8Array());
  const spki = sequenceChildren(info?.[2]);
  const keyAlgorithm = sequenceChildren(spki?.[0]);
  const keyOid = decodeDerOid(keyAlgorithm?.[0]?.encoded ?? new Uint8Array());
  const bits = spki?.[1];
  if (!signatureOid || !keyOid || bits?.tag !== BIT_STRING || bits.content.length < 1) return null;
  return {
    keyOid,
    keyParameters: keyAlgorithm?.[1]?.encoded,
    publicKey: bits.content.subarray(1),
    signatureOid,
  };
}

export interface SignedParts {
  /** The CertificationRequestInfo, header included: the bytes the signature covers. */
  signed: Uint8Array;
  /** Its SubjectPublicKeyInfo. */
  publicKeyInfo: Uint8Array;
  /** The signature BIT STRING's bits. */
  signature: Uint8Array;
}

/** What a signature check needs of a DER CertificationRequest, or null when malformed. */
export function readSignedParts(der: Uint8Array): SignedParts | null {
  const top = sequenceChildren(readElement(der) ?? undefined);
  const info = top?.[0];
  const spki = sequenceChildren(info)?.[2];
  const bits = top?.[2];
  if (!info || spki?.tag !== SEQUENCE || bits?.tag !== BIT_STRING || bits.content.length < 1) return null;
  return { signed: info.encoded, publicKeyInfo: spki.encoded, signature: bits.content.subarray(1) };
}

/** Exact bit length of the modulus in a DER RSAPublicKey, or null when malformed. */
export function rsaModulusBits(rsaPublicKey: Uint8Array): number | null {
  const modulus = sequenceChildren(readElement(rsaPublicKey) ?? undefined)?.[0];
  if (modulus?.tag !== INTEGER) return null;
  let start = 0;
  while (start < modulus.content.length && modulus.content[start] === 0) start++;
  if (start === modulus.content.length) return 0;
  const top = modulus.content[start] ?? 0;
  return (modulus.content.length - start - 1) * 8 + (32 - Math.clz32(top));
}

function isMinimalPositiveInteger(element: DerElement): boolean {
  const [first, second] = element.content;
  if (element.tag !== INTEGER || first === undefined || first & 0x80) return false;
  return !(first === 0 && second !== undefined && (second & 0x80) === 0);
}

function isStrictEcdsaSignature(bytes: Uint8Array): boolean {
  const sequence = readElement(bytes);
  if (sequence?.tag !== SEQUENCE || sequence.encoded.length !== bytes.length) return false;
  const pair = derChildren(sequence.content);
  return pair?.length === 2 && pair.every(isMinimalPositiveInteger);
}

/**
 * True when the unsigned tail of a CSR (signature algorithm and signature) is in the strict form
 * OpenSSL, and so most likely Sectigo, insists on: no unused bits, PKCS#1 parameters NULL or
 * absent, ECDSA parameters absent and (r, s) minimally encoded. asn1js and WebCrypto overlook
 * damage there, so without this a CSR with a flipped bit could verify here and fail at the CA.
 */
export function hasStrictSignatureEncoding(der: Uint8Array): boolean {
  const top = sequenceChildren(readElement(der) ?? undefined);
  const algorithm = sequenceChildren(top?.[1]);
  const bits = top?.[2];
  if (top?.length !== 3 || !algorithm || bits?.tag !== BIT_STRING || bits.content[0] !== 0) return false;
  const oid = decodeDerOid(algorithm[0]?.encoded ?? new Uint8Array());
  const [parameters, ...extra] = algorithm.slice(1);
  if (!oid || extra.length > 0) return false;
  if (oid.startsWith(ECDSA_SIGNATURE_PREFIX)) {
    return parameters === undefined && isStrictEcdsaSignature(bits.content.subarray(1));
  }
  if (oid.startsWith(RSA_PKCS1_PREFIX) && oid !== RSASSA_PSS) {
    return parameters === undefined || (parameters.tag === NULL && parameters.content.length === 0);
  }
  return true;
}
