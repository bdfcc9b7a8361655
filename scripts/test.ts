import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { runBrowserGroups, type Group } from "./e2e-groups";

// `npm test`: lint, type check, Vitest (unit + integration), then Playwright in Debian's chromium.
// Ends with one line "N passed, N failed" summed over the suites.
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
// Integration tests create (and drop) their own databases on the server DATABASE_URL names;
// without it they use the local server on 127.0.0.1:5432.
if (env.DATABASE_URL && !env.PGTEST_URL) {
  const server = new URL(env.DATABASE_URL);
  server.pathname = "/postgres";
  env.PGTEST_URL = server.toString();
}
let failedSteps = 0;

function run(title: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.log(`--- ${title} failed (exit ${result.status ?? result.signal})`);
    failedSteps += 1;
    return false;
  }
  return true;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reporter JSON shapes differ per runner
function counts(file: string, read: (json: any) => { passed: number; failed: number }) {
  if (!existsSync(file)) return { passed: 0, failed: 0, missing: true };
  return { ...read(JSON.parse(readFileSync(file, "utf8"))), missing: false };
}

const node = process.execPath;
// Reports live outside test-results/, which Playwright empties when it starts.
rmSync(".reports", { recursive: true, force: true });

run("lint (eslint)", node, ["node_modules/eslint/bin/eslint.js", "."]);
run("format (prettier --check)", node, ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
run("type check (tsc)", node, ["node_modules/typescript/bin/tsc", "--noEmit"]);
run("unit and integration tests (vitest)", node, [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.reports/vitest.json",
]);

console.log("\n=== production build for the browser tests ===");
try {
  await buildIfNeeded(env);
} catch (error) {
  console.log(String(error));
  failedSteps += 1;
}
let groups: Group[] = [];
if (!process.argv.includes("--no-e2e")) {
  console.log("\n=== browser tests (playwright, chromium) ===");
  const result = await runBrowserGroups(env);
  groups = result.groups;
  if (!result.ok) {
    console.log("--- browser tests failed");
    failedSteps += 1;
  }
}

const vitest = counts(".reports/vitest.json", (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0) + (j.numFailedTestSuites ?? 0),
}));
const playwright = groups
  .map((group) =>
    counts(`${group.reportsDir}/playwright.json`, (j) => ({
      passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
      failed: (j.stats?.unexpected ?? 0) + (j.stats?.skipped ?? 0),
    })),
  )
  .reduce(
    (sum, group) => ({
      passed: sum.passed + group.passed,
      failed: sum.failed + group.failed,
      missing: sum.missing || group.missing,
    }),
    { passed: 0, failed: 0, missing: groups.length === 0 },
  );
// A runner that wrote no report did not really run: count it as a failed step.
if (vitest.missing) failedSteps += 1;
if (playwright.missing && !process.argv.includes("--no-e2e")) failedSteps += 1;
const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed + failedSteps;
console.log(
  `\nvitest: ${vitest.passed} passed, ${vitest.failed} failed${vitest.missing ? " (no report)" : ""}`,
);
console.log(
  `playwright: ${playwright.passed} passed, ${playwright.failed} failed${playwright.missing ? " (no report)" : ""}`,
);
if (failedSteps) console.log(`failed steps (lint, types, build or a runner): ${failedSteps}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
