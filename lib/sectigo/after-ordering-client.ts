import "server-only";
import type { Dispatcher } from "undici";
import type { Logger } from "pino";
import { collectEndpointFor, ENDPOINTS, REQUEST_VALUES as V, type EndpointKey } from "./after-ordering";
import {
  readCollection,
  readDcvEmailList,
  readDetailedStatus,
  readDomainDetails,
  readPlainAnswer,
  readPostPaymentStatus,
  type Interpreted,
} from "./after-ordering-parse";
import type {
  CaCall,
  CaCallOptions,
  Collection,
  DcvChange,
  DetailedStatus,
  DomainDetail,
  PostPaymentStatus,
  RevocationRequest,
} from "./after-ordering-types";
import type { ProductCode } from "./products";
import { recordSectigoCall } from "./call-record";
import { postForm } from "./transport";
import { redactParams } from "./wire";

export type * from "./after-ordering-types";

// The calls after ordering, composed into SectigoClient. Same transport and redaction as
// !AutoApplyOrder; one POST per call, no retries (the status job decides when to ask again).

export interface CallContext {
  baseUrl: string;
  loginName: string;
  loginPassword: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  log: Logger;
  scrub: (text: string) => string;
}

export interface AfterOrderingCalls {
  getDetailedStatus(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<DetailedStatus>>;
  getPostPaymentStatus(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<PostPaymentStatus>>;
  /** CollectEIDAS or CollectSSL by product; queryType 1, each certificate individually, Base64. */
  collect(orderNumber: string, product: ProductCode, opts?: CaCallOptions): Promise<CaCall<Collection>>;
  getDomainDetails(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<DomainDetail[]>>;
  getDcvEmailAddresses(domainName: string, opts?: CaCallOptions): Promise<CaCall<string[]>>;
  updateDcv(
    orderNumber: string,
    changes: DcvChange[],
    opts: { multiDomain: boolean } & CaCallOptions,
  ): Promise<CaCall<void>>;
  resendDcvEmail(orderNumber: string, email?: string, opts?: CaCallOptions): Promise<CaCall<void>>;
  revoke(
    orderNumber: string,
    reason: RevocationRequest,
    opts: { test: boolean } & CaCallOptions,
  ): Promise<CaCall<void>>;
}

type Fields = Record<string, string | undefined>;

export function afterOrderingCalls(ctx: CallContext): AfterOrderingCalls {
  const base = ctx.baseUrl.replace(/\/+$/, "");

  async function call<T>(
    endpoint: EndpointKey,
    fields: Fields,
    interpret: (body: string) => Interpreted<T>,
    opts: CaCallOptions = {},
  ): Promise<CaCall<T>> {
    const url = `${base}${ENDPOINTS[endpoint].path}`;
    const form = new URLSearchParams();
    form.set("loginName", ctx.loginName);
    form.set("loginPassword", ctx.loginPassword);
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
    ctx.log.debug({ event: "sectigo.request", endpoint, url, params: redactParams(form) }, "Sectigo request");

    const started = performance.now();
    const answer = await postForm(url, form, {
      dispatcher: ctx.dispatcher,
      timeoutMs: ctx.timeoutMs,
      signal: opts.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    const result = ((): CaCall<T> => {
      if (!answer.ok)
        return { kind: "transport", reason: answer.reason, message: ctx.scrub(answer.message), durationMs };
      const rawBody = ctx.scrub(answer.body);
      if (answer.httpStatus < 200 || answer.httpStatus > 299) {
        return {
          kind: "transport",
          reason: "http-status",
          message: `The CA answered HTTP ${answer.httpStatus}`,
          durationMs,
        };
      }
      let outcome: Interpreted<T>;
      try {
        outcome = interpret(rawBody);
      } catch {
        outcome = { garbled: "the body could not be read" };
      }
      if ("ok" in outcome) return { kind: "ok", value: outcome.ok, durationMs, rawBody };
      if ("error" in outcome)
        return {
          kind: "ca-error",
          ...outcome.error,
          message: ctx.scrub(outcome.error.message),
          durationMs,
          rawBody,
        };
      return {
        kind: "transport",
        reason: "unparseable",
        message: `Unreadable answer: ${outcome.garbled}`,
        durationMs,
      };
    })();
    recordSectigoCall({
      at: new Date(Date.now() - durationMs),
      endpoint,
      outcome:
        result.kind === "transport"
          ? result.reason === "unparseable"
            ? "malformed"
            : result.reason
          : result.kind,
      caCode: result.kind === "ca-error" ? result.code : undefined,
      httpStatus: answer.ok ? answer.httpStatus : undefined,
      durationMs,
    });
    ctx.log.debug(
      {
        event: "sectigo.response",
        endpoint,
        kind: result.kind,
        code: result.kind === "ca-error" ? result.code : undefined,
        reason: result.kind === "transport" ? result.reason : undefined,
        durationMs,
      },
      "Sectigo answer",
    );
    return result;
  }

  const E = ENDPOINTS;
  return {
    getDetailedStatus(orderNumber, opts) {
      const p = E.detailedStatus.request;
      return call(
        "detailedStatus",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.queryType.wire]: V.detailedQueryType.wire,
          [p.showValidityPeriod.wire]: V.yes.wire,
          [p.responseFormat.wire]: V.responseFormatUrlEncoded.wire,
        },
        readDetailedStatus,
        opts,
      );
    },
    getPostPaymentStatus(orderNumber, opts) {
      return call(
        "postPaymentStatus",
        { [E.postPaymentStatus.request.orderNumber.wire]: orderNumber },
        readPostPaymentStatus,
        opts,
      );
    },
    collect(orderNumber, product, opts) {
      const endpoint = collectEndpointFor(product);
      const p = E[endpoint].request;
      return call(
        endpoint,
        {
          [p.orderNumber.wire]: orderNumber,
          [p.queryType.wire]: V.collectQueryType.wire,
          [p.responseType.wire]: V.collectResponseType.wire,
          [p.responseEncoding.wire]: V.collectResponseEncodingBase64.wire,
        },
        readCollection,
        opts,
      );
    },
    getDomainDetails(orderNumber, opts) {
      const p = E.domainDetails.request;
      return call(
        "domainDetails",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.showStatusDetails.wire]: V.yes.wire,
          [p.responseFormat.wire]: V.responseFormatUrlEncoded.wire,
        },
        readDomainDetails,
        opts,
      );
    },
    getDcvEmailAddresses(domainName, opts) {
      const p = E.dcvEmailList.request;
      return call(
        "dcvEmailList",
        { [p.domainName.wire]: domainName, [p.responseFormat.wire]: V.responseFormatJson.wire },
        readDcvEmailList,
        opts,
      );
    },
    updateDcv(orderNumber, changes, opts) {
      const p = E.updateDcv.request;
      const emails = changes.map((c) => c.email).filter((e): e is string => Boolean(e));
      // Several domains at once go as parallel lists; the e-mail of an EMAIL change has only the
      // single-valued newDCVEmailAddress, so a multi-domain change carries at most one address.
      const fields: Fields =
        opts.multiDomain && changes.length > 1
          ? {
              [p.domainNames.wire]: changes.map((c) => c.domainName).join(","),
              [p.newMethods.wire]: changes.map((c) => c.method).join(","),
              [p.newDcvEmailAddress.wire]: emails[0],
            }
          : {
              [p.domainName.wire]: opts.multiDomain ? changes[0]?.domainName : undefined,
              [p.newMethod.wire]: changes[0]?.method,
              [p.newDcvEmailAddress.wire]: emails[0],
            };
      return call("updateDcv", { [p.orderNumber.wire]: orderNumber, ...fields }, readPlainAnswer, opts);
    },
    resendDcvEmail(orderNumber, email, opts) {
      const p = E.resendDcvEmail.request;
      return call(
        "resendDcvEmail",
        { [p.orderNumber.wire]: orderNumber, [p.dcvEmailAddress.wire]: email },
        readPlainAnswer,
        opts,
      );
    },
    revoke(orderNumber, reason, opts) {
      const p = E.revoke.request;
      return call(
        "revoke",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.revocationReason.wire]: reason.text.slice(0, 1024),
          [p.codeReason.wire]: String(reason.code),
          [p.test.wire]: opts.test ? V.yes.wire : V.no.wire,
        },
        readPlainAnswer,
        opts,
      );
    },
  };
}
