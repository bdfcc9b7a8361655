// CSR handling shared by the order wizard (browser) and the server: decoding, Sectigo's CSR
// rules with their error codes, and key + CSR generation. WebCrypto only, no Node APIs.
export { decodeCsr } from "./decode";
export { generateKeyAndCsr, type GenerateKeyAndCsrOptions } from "./generate";
export { inspectCsr, type InspectCsrOptions } from "./inspect";
export { encryptPrivateKey } from "./pkcs8";
export { verifyCsrSignature } from "./verify";
export {
  CSR_MAX_LENGTH,
  type CsrDecodeResult,
  type CsrGenerationAlgorithm,
  type CsrKeyAlgorithm,
  type CsrProblem,
  type CsrProblemCode,
  type CsrSubject,
  type DecodedCsr,
} from "./types";
