// The browser-safe part of the Sectigo library. The HTTP client is server-only: import it from
// "@/lib/sectigo/client".
export { COUNTRIES, isCountryCode } from "./countries";
export { AUTO_APPLY_ORDER_PATH, SECTIGO_PRODUCTION_BASE_URL } from "./endpoint";
export {
  catalogueEntryForCode,
  catalogueEntryForRow,
  classifySectigoError,
  DUPLICATE_FON_ENTRY,
  ERROR_CATALOGUE,
  type CatalogueEntry,
  type ClassifiedError,
  type ClassifyOptions,
  type ErrorClass,
} from "./errors";
export {
  getProduct,
  isProductCode,
  isQwacLegal,
  NON_QWAC_DAYS,
  PRODUCT_CODES,
  PRODUCTS,
  QWAC_DAYS,
  type Product,
  type ProductCode,
} from "./products";
export {
  FIELD_KEYS,
  decidedBy,
  isFieldKey,
  keyForWire,
  PARAM_KEYS,
  paramDef,
  PARAMS,
  PSD2_ROLE_KEYS,
  RESELLER_KEYS,
  UNCONFIRMED_PARAMS,
  type Applicability,
  type FieldKey,
  type Grade,
  type ParamDef,
  type ParamKey,
  type ResellerKey,
  type ResellerSettings,
  type UnconfirmedParam,
} from "./registry";
export { parseResponse, type ParsedResponse, type ResponseFlags } from "./response";
export { fieldRules, paramsToSend, productShipsToken, sectigoRules } from "./rules";
export { fieldLabel, orderInputSchema, type OrderFormValues, type OrderInput } from "./schema";
export { checkParamValue, checkPersonalIdentifier, type ValueProblem } from "./validators";
export {
  buildRequestParams,
  decodeWireParams,
  encodeValue,
  redactParams,
  REDACTED,
  type RequestOptions,
} from "./wire";
