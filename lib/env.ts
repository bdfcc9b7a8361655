import { z } from "zod";

// The one place that reads process.env. Parsed lazily so that build steps and unit tests that
// never touch configuration do not need it.
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(["1", "0", "true", "false", "yes", "no"])
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "yes"),
);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  /// Data directory of the embedded PostgreSQL (PGlite) used when DATABASE_URL is unset.
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/pglite")),
  /// Directory of the journal of CA answers not yet in the database (lib/orders/lifecycle/journal.ts).
  JOURNAL_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/journal")),
  SEED_DEMO: flag,
  /// The seller's EU member state (ISO code): customers' VAT numbers of another member state get
  /// the reverse charge (lib/prices/reverse-charge.ts).
  SELLER_COUNTRY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default("DE"),
  ),
  /// New accounts one client address may create per hour (lib/auth/throttle.ts).
  SIGN_UPS_PER_ADDRESS_PER_HOUR: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1_000_000).default(50),
  ),
  /// Calls one API key may make per minute (lib/api/rate-limit.ts).
  API_REQUESTS_PER_MINUTE: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1_000_000).default(120),
  ),
  DEMO_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(12).default("demo-portal-2026")),
  AUTH_SECRET: optionalString,
  AUTH_URL: optionalString,
  SECTIGO_API_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SECTIGO_LOGIN_NAME: optionalString,
  SECTIGO_LOGIN_PASSWORD: optionalString,
  SECTIGO_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /// Whether the Sectigo account has test mode enabled (offers the test-order switch).
  SECTIGO_TEST_MODE_ALLOWED: flag,
  /// Our reseller account's own answers to Sectigo (spec rows 33, 41, 42): Y only where Sectigo
  /// granted the account the RA privilege; a customer never sets them.
  SECTIGO_CUSTOMER_VALIDATED: flag,
  SECTIGO_APP_REP_VALIDATED: flag,
  SECTIGO_CALLBACK_COMPLETED: flag,
  /// E-mail templates Sectigo's account manager set up for the account (rows 27, 32).
  SECTIGO_DCV_TEMPLATE_ID: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  SECTIGO_SHIPPING_TEMPLATE_ID: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  /// The CA's code for a reused foreignOrderNumber once Sectigo confirms it (spec §4.3 rule 4).
  SECTIGO_DUPLICATE_FON_CODE: z.preprocess(emptyToUndefined, z.coerce.number().int().max(-1).optional()),
  /// Automatic retries of a send that failed transiently or with an unknown outcome; 0 sends
  /// every such order straight to the support queue.
  RETRY_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(20).default(3)),
  /// Delay before the first automatic retry; each later one waits four times longer (30 s, 2 min, 8 min).
  RETRY_BASE_DELAY_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  ),
  /// Status tracking of placed orders (lib/orders/lifecycle/track.ts): the shortest and longest
  /// wait between two checks of one order (the wait doubles while nothing changes; Sectigo asks
  /// for no more than one check per order every few hours), and the calls per minute allowed to
  /// all instances together. A push from Sectigo or "Refresh now" checks at once.
  STATUS_CHECK_MIN_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(900)),
  STATUS_CHECK_MAX_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10_800)),
  STATUS_CHECKS_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(60)),
  /// How often each instance looks for orders due a check.
  STATUS_TICK_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.2).max(600).default(15)),
  /// PEM file of the roots a collected chain must end in (Sectigo's eIDAS roots); unset accepts
  /// any self-signed root the chain links to by signature (sandbox, tests).
  CA_TRUSTED_ROOTS_FILE: optionalString,
  /// "Check now" of a domain's DCV file: host:port to ask instead of the domain itself (tests,
  /// demo); the domain goes in the Host header. Unset: the domain, never a private address.
  DCV_CHECK_HTTP_TARGET: optionalString,
  /// Whether this process runs the job worker (automatic retries, crash-recovery sweeps).
  JOBS_ENABLED: z.preprocess(
    emptyToUndefined,
    z
      .enum(["1", "0", "true", "false", "yes", "no"])
      .default("1")
      .transform((v) => v === "1" || v === "true" || v === "yes"),
  ),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  /// Sandbox CA fault injection at start: none | http500 | http503 | malformed | drop-after-place.
  SANDBOX_FAULT: z.preprocess(
    emptyToUndefined,
    z.enum(["none", "http500", "http503", "malformed", "drop-after-place"]).default("none"),
  ),
  SANDBOX_LATENCY_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(600_000).default(0)),
  /// Sandbox CA account balance (native currency); orders beyond it answer -15.
  SANDBOX_BALANCE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(100_000)),
  /// 0 = the account is debited (normal reseller); 1 = payment still to be collected.
  SANDBOX_SUCCESS_CODE: z.preprocess(
    emptyToUndefined,
    z
      .enum(["0", "1"])
      .default("0")
      .transform((v): 0 | 1 => (v === "1" ? 1 : 0)),
  ),
  /// Where the sandbox CA keeps its orders and CA keys (npm run sandbox, demo start); "memory" = none.
  SANDBOX_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/sandbox")),
  /// Time between the sandbox's validation steps; unset = the demo pace for npm run sandbox / npm start, 0 = manual.
  SANDBOX_STEP_DELAY_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(3_600_000).optional(),
  ),
  /// host:port the sandbox fetches HTTP DCV files from (Host: the domain); unset = DCV passes by time.
  SANDBOX_DCV_HTTP_TARGET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/)
      .optional(),
  ),
  /// Where the sandbox sends its certificate pushes (the portal's /api/sectigo/push).
  SANDBOX_PUSH_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /// Outgoing mail server, e.g. smtp://user:pass@host:587 (STARTTLS when offered) or
  /// smtps://user:pass@host:465. Unset: the local SMTP catcher (demo mode, lib/mail/catcher.ts).
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .url()
      .refine((v) => /^smtps?:$/.test(new URL(v).protocol), "must start with smtp:// or smtps://")
      .optional(),
  ),
  /// Sender of every mail, e.g. "eIDAS Portal <noreply@example.com>"; required with SMTP_URL.
  MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^(?:[^<>@\s][^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
        "must be an address, e.g. Portal <noreply@example.com>",
      )
      .optional(),
  ),
  /// Public address of the portal for links in mails; falls back to AUTH_URL, then localhost:PORT.
  PORTAL_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /// Port of the demo SMTP catcher on 127.0.0.1 (0: any free port).
  MAIL_CATCHER_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(0)),
  /// Days the record of every Sectigo call (SectigoCall) is kept; a daily job deletes older ones.
  SECTIGO_CALL_RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(3650).default(30),
  ),
  /// Alerts (lib/alerts): the window each condition is measured over, and an incident must stay
  /// clear for before it closes.
  ALERT_WINDOW_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(86_400).default(300)),
  /// How often the alert conditions are evaluated (on one instance at a time).
  /// Webhooks may reach loopback, private and other non-public addresses (lib/webhooks/address.ts):
  /// for tests and the demo only; a production portal leaves it off (SSRF).
  WEBHOOK_ALLOW_PRIVATE_URLS: flag,
  /// How long one webhook delivery may take before it counts as failed.
  WEBHOOK_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(60_000).default(10_000),
  ),
  ALERT_EVALUATE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.5).max(3_600).default(30)),
  /// Share of Sectigo calls without a usable answer (timeout, network, HTTP error, unreadable) that opens an incident.
  ALERT_FAILURE_RATE: z.preprocess(emptyToUndefined, z.coerce.number().gt(0).max(1).default(0.2)),
  /// Calls in the window below which the failure rate and latency are not judged.
  ALERT_MIN_CALLS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  /// 95th percentile of Sectigo call durations in the window, in ms, that opens an incident.
  ALERT_LATENCY_P95_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10_000)),
  /// Orders waiting for an automatic retry that open an incident.
  ALERT_RETRY_BACKLOG: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(50)),
  /// Mails waiting in the outbox for longer than a minute that open an incident.
  ALERT_OUTBOX_BACKLOG: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(200)),
  /// Bearer token that /metrics (Prometheus) asks for; unset, /metrics does not exist.
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(24, "must be at least 24 characters (a random token)").optional(),
  ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default(process.env.VITEST ? "silent" : "info"),
});

// Real mail needs a real sender and links that reach the portal from the recipient's inbox.
const checkedEnvSchema = envSchema.superRefine((v, ctx) => {
  if (!v.SMTP_URL) return;
  if (!v.MAIL_FROM)
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required with SMTP_URL" });
  if (!v.PORTAL_URL && !v.AUTH_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PORTAL_URL"],
      message: "(or AUTH_URL) is required with SMTP_URL",
    });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Validated configuration; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
