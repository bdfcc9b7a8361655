import type { Grade } from "./param-types";

// The endpoints after !AutoApplyOrder: path, answer format, request and response names, each
// with its grade. Part of the after-ordering registry; import it from ./after-ordering.

/** One name or value on the wire and how sure we are of it. */
export interface Wire {
  wire: string;
  grade: Grade;
}

export const w = (wire: string, grade: Grade): Wire => ({ wire, grade });

export type AnswerFormat = "url-encoded" | "json";

export interface EndpointDef {
  path: string;
  grade: Grade;
  /** How the client asks it to answer, and how the sandbox answers. */
  format: AnswerFormat;
  request: Readonly<Record<string, Wire>>;
  response: Readonly<Record<string, Wire>>;
}

// Every endpoint except the collect ones takes the credentials as loginName/loginPassword (A);
// they are not repeated per endpoint.
const ERROR_KEYS = { errorCode: w("errorCode", "A"), errorMessage: w("errorMessage", "A") };

export const ENDPOINTS = {
  detailedStatus: {
    path: "/products/!GetDetailedOrderStatus",
    grade: "A",
    format: "url-encoded",
    request: {
      orderNumber: w("orderNumber", "A"),
      certificateId: w("certificateID", "A"),
      queryType: w("queryType", "A"),
      showValidityPeriod: w("showValidityPeriod", "A"),
      responseFormat: w("responseFormat", "A"),
    },
    // Indexed per order and certificate: `1_orderStatus`, see indexedKey (B).
    response: {
      ...ERROR_KEYS,
      orderNumber: w("orderNumber", "B"),
      orderDateTime: w("orderDateTime", "B"),
      orderStatus: w("orderStatus", "B"),
      certificateId: w("certificateID", "C"),
      validFrom: w("validFrom", "C"),
      validTo: w("validTo", "C"),
      trackingId: w("upsTrackingID", "C"),
      shippingCountry: w("shippingCountry", "C"),
    },
  },
  postPaymentStatus: {
    path: "/products/!getPostPaymentStatus",
    grade: "A",
    format: "json",
    request: { orderNumber: w("orderNumber", "A"), certificateId: w("CertificateID", "A") },
    response: {
      ...ERROR_KEYS,
      data: w("data", "A"),
      orderNumber: w("orderNumber", "A"),
      productType: w("productType", "A"),
      productName: w("productName", "A"),
      certificateDuration: w("certificateDuration", "A"),
      productTerm: w("productTerm", "A"),
      orderStatus: w("orderStatus", "A"),
      uploadDocumentUrl: w("uploadDocumentUrl", "A"),
      uploadDocumentToken: w("uploadDocumentToken", "A"),
      title: w("title", "B"),
      status: w("status", "B"),
      description: w("description", "B"),
      clickThroughStatus: w("clickThroughStatus", "B"),
      availableActions: w("availableActions", "B"),
    },
  },
  collectEidas: {
    path: "/products/download/CollectEIDAS",
    grade: "A",
    format: "url-encoded",
    request: {
      loginName: w("loginName", "A"),
      loginPassword: w("loginPassword", "A"),
      orderNumber: w("orderNumber", "A"),
      collectionCode: w("collectionCode", "A"),
      queryType: w("queryType", "A"),
      responseType: w("responseType", "B"),
      responseEncoding: w("responseEncoding", "B"),
    },
    // The status comes first; its key name is not documented (C).
    response: {
      status: w("errorCode", "C"),
      errorMessage: w("errorMessage", "C"),
      certificate: w("certificate", "B"),
      caCertificate: w("caCertificate", "B"),
    },
  },
  collectSsl: {
    path: "/products/download/CollectSSL",
    grade: "A",
    format: "url-encoded",
    request: {
      loginName: w("loginName", "A"),
      loginPassword: w("loginPassword", "A"),
      orderNumber: w("orderNumber", "A"),
      certificateId: w("certificateID", "A"),
      queryType: w("queryType", "A"),
      responseType: w("responseType", "B"),
      responseEncoding: w("responseEncoding", "B"),
    },
    response: {
      status: w("errorCode", "C"),
      errorMessage: w("errorMessage", "C"),
      certificate: w("certificate", "B"),
      caCertificate: w("caCertificate", "B"),
    },
  },
  updateDcv: {
    path: "/products/!AutoUpdateDCV",
    grade: "A",
    // It refuses a responseFormat argument (-2, B) and always answers URL-encoded.
    format: "url-encoded",
    request: {
      orderNumber: w("orderNumber", "A"),
      domainName: w("domainName", "A"),
      newMethod: w("newMethod", "A"),
      newDcvEmailAddress: w("newDCVEmailAddress", "A"),
      domainNames: w("domainNames", "A"),
      newMethods: w("newMethods", "A"),
    },
    response: { ...ERROR_KEYS },
  },
  resendDcvEmail: {
    path: "/products/!ResendDCVEmail",
    grade: "A",
    format: "url-encoded",
    request: {
      orderNumber: w("orderNumber", "A"),
      dcvEmailAddress: w("dcvEmailAddress", "A"),
      dcvTemplateId: w("dcvTemplateID", "A"),
    },
    response: { ...ERROR_KEYS },
  },
  dcvEmailList: {
    path: "/products/!GetDCVEmailAddressList",
    grade: "A",
    format: "json",
    request: { domainName: w("domainName", "A"), responseFormat: w("responseFormat", "A") },
    response: {
      ...ERROR_KEYS,
      whoisEmail: w("whoisEmail", "C"),
      level2Emails: w("level2Emails", "C"),
      level3Emails: w("level3Emails", "C"),
    },
  },
  domainDetails: {
    path: "/products/!GetMDCDomainDetails",
    grade: "A",
    format: "url-encoded",
    request: {
      orderNumber: w("orderNumber", "A"),
      showStatusDetails: w("showStatusDetails", "A"),
      responseFormat: w("responseFormat", "A"),
    },
    // Indexed per domain: `1_domainName` (B).
    response: {
      ...ERROR_KEYS,
      domainName: w("domainName", "B"),
      dcvMethod: w("dcvMethod", "B"),
      dcvStatus: w("dcvStatus", "B"),
    },
  },
  revoke: {
    path: "/products/!autoRevokeCertificate",
    grade: "A",
    format: "url-encoded",
    request: {
      orderNumber: w("orderNumber", "A"),
      certificateId: w("certificateID", "A"),
      serialNumber: w("serialNumber", "A"),
      revocationReason: w("revocationReason", "A"),
      codeReason: w("codeReason", "B"),
      includeInCrl: w("includeInCRL", "A"),
      test: w("test", "B"),
    },
    response: { ...ERROR_KEYS },
  },
} as const satisfies Record<string, EndpointDef>;

export type EndpointKey = keyof typeof ENDPOINTS;
export const ENDPOINT_KEYS = Object.keys(ENDPOINTS) as EndpointKey[];

/** Values of the request parameters that are not free text. */
export const REQUEST_VALUES = {
  responseFormatUrlEncoded: w("1", "A"),
  responseFormatJson: w("2", "A"),
  detailedQueryType: w("1", "A"),
  yes: w("Y", "A"),
  no: w("N", "A"),
  /** queryType of the collect endpoints: status + certificate + chain. */
  collectQueryType: w("1", "A"),
  /** responseType 3: leaf and each CA certificate individually encoded. */
  collectResponseType: w("3", "B"),
  collectResponseEncodingBase64: w("0", "B"),
} as const;
