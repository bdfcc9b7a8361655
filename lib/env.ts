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
  SEED_DEMO: flag,
  DEMO_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(12).default("demo-portal-2026")),
  AUTH_SECRET: optionalString,
  AUTH_URL: optionalString,
  SECTIGO_API_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SECTIGO_LOGIN_NAME: optionalString,
  SECTIGO_LOGIN_PASSWORD: optionalString,
  SECTIGO_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /// Whether the Sectigo account has test mode enabled (offers the test-order switch).
  SECTIGO_TEST_MODE_ALLOWED: flag,
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default(process.env.VITEST ? "silent" : "info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Validated configuration; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
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
