/**
 * The portal's Sectigo password in browser tests: distinctive, so that the sweep at the end of the
 * run (zz-secrets.spec.ts) can tell it apart from any other text.
 */
export const E2E_SECTIGO_PASSWORD = "e2e-Sectigo-Pw-9c41f7d2";

/** The token /metrics asks for in browser tests (distinctive for the sweep, like the password). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-5b8e0c2a91d4";

/** Every stored password hash starts so (argon2id, PHC string format). */
export const PASSWORD_HASH_MARK = "$argon2id$";

/**
 * Where this run keeps its reports and logs. `npm test` runs the browser tests in groups at once,
 * each against a portal, sandbox and database of its own, and gives each group a folder.
 */
export const REPORTS_DIR = process.env.E2E_REPORTS_DIR || ".reports";

/** Where e2e/serve.ts keeps everything the server printed during the run. */
export const SERVER_LOG = `${REPORTS_DIR}/server.log`;

/**
 * Second-factor secrets the browser tests saw (an authenticator key as the enrolment page showed
 * it, recovery codes): e2e/two-factor.spec.ts writes them here, the sweep searches for them.
 */
export const SECOND_FACTOR_SECRETS = `${REPORTS_DIR}/second-factor-secrets.txt`;
