import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/observability/request-context.mjs";

// Secrets must never reach a log line: redact by key wherever they appear. The Sectigo client
// also redacts its request snapshot before logging or storing it; this is the second net.
export const REDACTED = "[REDACTED]";
const secretKeys = [
  "loginPassword",
  "password",
  "passwordHash",
  "SECTIGO_LOGIN_PASSWORD",
  "authorization",
  "cookie",
];

/** A logger with the project's redaction rules; tests pass a stream to capture lines. */
export function createLogger(stream?: DestinationStream, level?: string): Logger {
  return pino(
    {
      level: level ?? env().LOG_LEVEL,
      redact: {
        paths: [...secretKeys, ...secretKeys.map((k) => `*.${k}`), ...secretKeys.map((k) => `*.*.${k}`)],
        censor: REDACTED,
      },
      base: undefined,
      // The request or job a line belongs to (scripts/serve.mjs and lib/jobs give the ids).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    stream,
  );
}

export const logger = createLogger();
