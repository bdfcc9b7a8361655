import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// The browser tests run in groups at once (two by default, E2E_GROUPS to change it), each group
// against a portal, sandbox CA and database of its own, so no test sees another group's orders,
// sandbox faults or log lines. One Playwright worker drives one portal at a time and leaves much of
// the machine idle while the pages load; two groups keep both cores busy.
//
// Spec files go to the group with the least work so far, heaviest first, by the seconds each took
// in a recent run (e2e/spec-seconds.json; `npm run e2e:timings` writes it anew from the last
// run's reports). The secret sweep (zz-secrets) runs last in every group, over that group's log
// and database.

const SWEEP = "zz-secrets.spec.ts";
const TIMINGS = "e2e/spec-seconds.json";
/** Seconds assumed for a spec not yet in the timings file. */
const UNKNOWN_SECONDS = 30;

export interface Group {
  name: string;
  specs: string[];
  seconds: number;
  env: Record<string, string>;
  reportsDir: string;
}

function specFiles(): string[] {
  return readdirSync("e2e")
    .filter((name) => name.endsWith(".spec.ts"))
    .sort();
}

function timings(): Record<string, number> {
  return existsSync(TIMINGS) ? (JSON.parse(readFileSync(TIMINGS, "utf8")) as Record<string, number>) : {};
}

/** Splits the spec files into `count` groups of about equal known duration. */
export function planGroups(count: number, files = specFiles(), seconds = timings()): Group[] {
  const groups: Group[] = Array.from({ length: count }, (_, i) => {
    const name = String.fromCharCode(97 + i);
    return { name, specs: [], seconds: 0, env: {}, reportsDir: `.reports/e2e-${name}` };
  });
  const work = files
    .filter((file) => file !== SWEEP)
    .map((file) => ({ file, seconds: seconds[file] ?? UNKNOWN_SECONDS }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  for (const item of work) {
    const lightest = groups.reduce((min, group) => (group.seconds < min.seconds ? group : min));
    lightest.specs.push(item.file);
    lightest.seconds += item.seconds;
  }
  for (const group of groups) {
    group.specs.sort();
    if (files.includes(SWEEP)) group.specs.push(SWEEP);
  }
  return groups.filter((group) => group.specs.some((spec) => spec !== SWEEP));
}

/** A database of its own on the server DATABASE_URL names, for every group after the first. */
async function withDatabases<T>(
  groups: Group[],
  databaseUrl: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (!databaseUrl) return run();
  const base = new URL(databaseUrl);
  const server = new URL(databaseUrl);
  server.pathname = "/postgres";
  const created: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    for (const [index, group] of groups.entries()) {
      if (index === 0) {
        group.env.DATABASE_URL = databaseUrl;
        continue;
      }
      const name = `${base.pathname.slice(1)}_e2e_${group.name}`;
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin(`CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      group.env.DATABASE_URL = url.toString();
    }
    return await run();
  } finally {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  }
}

function runGroup(group: Group, index: number, baseEnv: NodeJS.ProcessEnv): Promise<number> {
  const env = {
    ...baseEnv,
    ...group.env,
    E2E_PORT: String(3100 + 50 * index),
    E2E_SANDBOX_PORT: String(4110 + 50 * index),
    E2E_REPORTS_DIR: group.reportsDir,
    E2E_OUTPUT_DIR: path.join("test-results", group.name),
  };
  const args = ["node_modules/@playwright/test/cli.js", "test", ...group.specs.map((spec) => `e2e/${spec}`)];
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `[e2e-${group.name}] `;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
    stream.on("end", () => rest && out.write(`${prefix}${rest}\n`));
  }
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

/** Runs the groups at once; true when every group passed. */
export async function runBrowserGroups(
  baseEnv: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; groups: Group[] }> {
  const count = Math.max(1, Number(baseEnv.E2E_GROUPS || 2));
  const groups = planGroups(count);
  for (const group of groups) {
    console.log(`group ${group.name} (~${group.seconds} s): ${group.specs.join(", ")}`);
  }
  const codes = await withDatabases(groups, baseEnv.DATABASE_URL, () =>
    Promise.all(groups.map((group, index) => runGroup(group, index, baseEnv))),
  );
  return { ok: codes.every((code) => code === 0), groups };
}

interface PlaywrightSuite {
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { file: string; tests: { results: { duration: number }[] }[] }[];
}

/** Seconds per spec file from the last run's reports, written to e2e/spec-seconds.json. */
export function writeTimings(reportDirs = readdirSync(".reports").filter((d) => d.startsWith("e2e-"))): void {
  const seconds: Record<string, number> = {};
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      const file = path.basename(spec.file);
      const ms = spec.tests.flatMap((t) => t.results).reduce((sum, r) => sum + r.duration, 0);
      seconds[file] = (seconds[file] ?? 0) + ms / 1000;
    }
    suite.suites?.forEach(visit);
  };
  for (const dir of reportDirs) {
    const file = path.join(".reports", dir, "playwright.json");
    if (existsSync(file))
      (JSON.parse(readFileSync(file, "utf8")) as { suites: PlaywrightSuite[] }).suites.forEach(visit);
  }
  const rounded = Object.fromEntries(
    Object.entries(seconds)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, s]) => [file, Math.round(s)]),
  );
  writeFileSync(TIMINGS, `${JSON.stringify(rounded, null, 2)}\n`);
  console.log(`wrote ${TIMINGS} (${Object.keys(rounded).length} spec files)`);
}

if (
  process.argv[1] &&
  import.meta.url.endsWith(path.basename(process.argv[1])) &&
  process.argv[2] === "timings"
) {
  writeTimings();
}
