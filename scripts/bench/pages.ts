import pg from "pg";
import type { Result } from "lighthouse";
import { startSandbox } from "@/sandbox/server";
import { buildIfNeeded } from "../build-if-needed.mjs";
import { APP_URL, signIn, startAppServer } from "./app-server";
import { createDatabase } from "./databases";
import { librariesOf, ownScripts, pageScripts, sharedBytes, totalOf, type PageScripts } from "./js-size";
import {
  failedAccessibility,
  launchBrowser,
  performanceFindings,
  type Finding,
  type Preset,
} from "./lighthouse";
import { markdownTable, type Figure, type Section } from "./report";
import { seedHistory } from "./seed";
import { fmt, median } from "./stats";

// 3. Pages: first-load JavaScript of the main pages from the production build, and Lighthouse
// scores of the sign-in page (the baseline: a small public page) and the order wizard.

export interface PagesOptions {
  lighthouseRuns: number;
}

const DEMO_PASSWORD = "demo-portal-2026";
const JS_TARGET_KB = 200;
const PERFORMANCE_TARGET = 90;
const ACCESSIBILITY_TARGET = 95;
const PRESETS: Preset[] = ["mobile", "desktop"];

const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`;

/**
 * The demo admin's sessions count as having passed their second factor: the bench measures the
 * admin's pages, not the sign-in (as the e2e fixture would, but straight in the database).
 */
async function passAdminSecondFactor(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "UserSession" SET "secondFactorAt" = now()
      WHERE "userId" = (SELECT id FROM "User" WHERE email = 'admin@portal.example')`);
  } finally {
    await client.end();
  }
}

/** Gives the demo customer some submitted orders, so their list shows a table as it would in use. */
async function giveDemoCustomerOrders(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "Order" SET "ownerId" = (SELECT id FROM "User" WHERE email = 'customer@portal.example')
      WHERE id IN (SELECT id FROM "Order" WHERE status <> 'DRAFT' ORDER BY "createdAt" DESC LIMIT 60)`);
  } finally {
    await client.end();
  }
}

interface LighthouseRow {
  path: string;
  preset: Preset;
  performance: number;
  accessibility: number;
  /** The run with the median performance score, for its metrics and failing audits. */
  median: Result;
}

export async function benchPages(options: PagesOptions): Promise<Section> {
  console.log("Pages: production build…");
  const built = await buildIfNeeded({ ...process.env, NODE_ENV: "production" });
  console.log(built ? "  built .next/" : "  .next/ is up to date with the sources");
  const url = await createDatabase("pages");
  await seedHistory(url, 2_000, 100);
  const sandbox = await startSandbox({ port: 0, balance: 1e12, successCode: 0, faults: {} });
  try {
    const server = await startAppServer({
      databaseUrl: url,
      sectigoUrl: sandbox.url,
      loginName: sandbox.loginName,
      loginPassword: sandbox.loginPassword,
    });
    try {
      await giveDemoCustomerOrders(url);
      const customer = await signIn("customer@portal.example", DEMO_PASSWORD);
      const admin = await signIn("admin@portal.example", DEMO_PASSWORD);
      await passAdminSecondFactor(url);
      console.log("Pages: first-load JavaScript…");
      const pages = [
        await pageScripts("/sign-in"),
        await pageScripts("/orders/new", customer),
        await pageScripts("/orders", customer),
        await pageScripts("/admin/orders", admin),
        await pageScripts("/admin", admin),
      ];
      for (const p of pages) console.log(`  ${p.path}: ${kb(totalOf(p))} gzip, ${p.scripts.size} scripts`);
      const lighthouse: LighthouseRow[] = [];
      const browser = await launchBrowser();
      try {
        for (const preset of PRESETS) {
          for (const [path, cookie] of [
            ["/sign-in", undefined],
            ["/orders/new", customer],
            ["/admin", admin],
          ] as const) {
            const runs: Result[] = [];
            for (let i = 0; i < options.lighthouseRuns; i += 1)
              runs.push(await browser.audit(`${APP_URL}${path}`, preset, cookie));
            const score = (r: Result, c: "performance" | "accessibility") =>
              Math.round((r.categories[c]?.score ?? 0) * 100);
            const byPerformance = [...runs].sort((a, b) => score(a, "performance") - score(b, "performance"));
            const row: LighthouseRow = {
              path,
              preset,
              performance: median(runs.map((r) => score(r, "performance"))),
              accessibility: median(runs.map((r) => score(r, "accessibility"))),
              median: byPerformance[Math.floor(byPerformance.length / 2)]!,
            };
            if (row.median.finalDisplayedUrl !== `${APP_URL}${path}`)
              throw new Error(
                `Lighthouse ended on ${row.median.finalDisplayedUrl}, not ${path} (signed out?)`,
              );
            console.log(
              `  Lighthouse ${preset} ${path}: performance ${row.performance}, accessibility ${row.accessibility}`,
            );
            lighthouse.push(row);
          }
        }
      } finally {
        await browser.close();
      }
      return pagesSection(options, pages, lighthouse);
    } finally {
      await server.stop();
    }
  } finally {
    await sandbox.close();
  }
}

function pagesSection(options: PagesOptions, pages: PageScripts[], lighthouse: LighthouseRow[]): Section {
  const [signInPage, ...measured] = pages as [PageScripts, ...PageScripts[]];
  const shared = sharedBytes(pages);
  const figures: Figure[] = measured.map((p) => {
    const total = totalOf(p);
    return {
      name: `first-load JS of \`${p.path}\` (gzip)`,
      value: `${kb(total)} (${p.scripts.size} scripts)`,
      baseline: `\`/sign-in\` ${kb(totalOf(signInPage))}; shared by all pages ${kb(shared)}`,
      comparison: `+${kb(total - shared)} own`,
      target: `< ${JS_TARGET_KB} KB`,
      met: total < JS_TARGET_KB * 1024,
    };
  });
  const signInRow = (preset: Preset) => lighthouse.find((r) => r.path === "/sign-in" && r.preset === preset)!;
  for (const row of lighthouse) {
    const base = signInRow(row.preset);
    const isBase = row.path === "/sign-in";
    for (const [category, target] of [
      ["performance", PERFORMANCE_TARGET],
      ["accessibility", ACCESSIBILITY_TARGET],
    ] as const) {
      figures.push({
        name: `Lighthouse ${category}, \`${row.path}\`, ${row.preset}`,
        value: String(row[category]),
        baseline: isBase ? "(is the baseline)" : `\`/sign-in\` ${base[category]}`,
        comparison: isBase
          ? "–"
          : `${row[category] - base[category] >= 0 ? "+" : ""}${row[category] - base[category]}`,
        target: `≥ ${target}`,
        met: row[category] >= target,
      });
    }
  }

  const notes: string[] = [
    "### Scripts per page",
    markdownTable(
      ["page", "scripts", "gzip (level 9)", "uncompressed", "not shared with every page"],
      pages.map((p) => [
        `\`${p.path}\``,
        String(p.scripts.size),
        kb(totalOf(p)),
        kb(p.rawBytes),
        kb(totalOf(p) - shared),
      ]),
    ),
    "### Lighthouse metrics (the run with the median performance score)",
    markdownTable(
      ["page", "preset", ...performanceFindings(lighthouse[0]!.median).metrics.map((m) => m.title)],
      lighthouse.map((r) => [
        `\`${r.path}\``,
        r.preset,
        ...performanceFindings(r.median).metrics.map((m) => m.display),
      ]),
    ),
  ];
  const findings: string[] = [];
  for (const row of lighthouse) {
    const list = (title: string, items: Finding[]) =>
      items.length
        ? [
            `- \`${row.path}\` ${row.preset}, ${title}: ` +
              items.map((f) => `\`${f.id}\` (${f.title}${f.display ? `: ${f.display}` : ""})`).join("; "),
          ]
        : [];
    findings.push(
      ...list("failing accessibility audits", failedAccessibility(row.median)),
      ...list("performance audits below 0.9", performanceFindings(row.median).failing),
    );
  }
  notes.push(
    "### Audits that did not pass",
    findings.length
      ? findings.join("\n")
      : "None: every accessibility audit passed and no performance audit scored below 0.9.",
  );
  const missed = figures.filter((f) => f.met === false);
  for (const page of pages.filter((p) => totalOf(p) >= JS_TARGET_KB * 1024)) {
    notes.push(
      `### Scripts of \`${page.path}\` that not every page loads`,
      markdownTable(
        ["script", "gzip", "libraries recognised in it (by their strings)"],
        ownScripts(page, pages).map(([src, bytes]) => [
          `\`${src}\``,
          kb(bytes),
          librariesOf(src).join(", ") || "–",
        ]),
      ),
    );
  }
  for (const row of lighthouse.filter((r) => r.performance < PERFORMANCE_TARGET)) {
    notes.push(
      `### Main-thread time by script, \`${row.path}\` ${row.preset} (Lighthouse \`bootup-time\`, simulated CPU)`,
      markdownTable(
        ["script", "total ms", "script evaluation ms", "libraries recognised in it"],
        bootup(row.median).map((b) => [
          `\`${b.url.replace(APP_URL, "")}\``,
          fmt(b.total),
          fmt(b.scripting),
          librariesOf(b.url.replace(APP_URL, "")).join(", ") || "–",
        ]),
      ),
    );
  }
  if (missed.length) {
    notes.push(
      "### Gaps",
      missed.map((f) => `- **${f.name}**: ${f.value}, target ${f.target}.`).join("\n"),
      "Their measured causes are the audits above (Lighthouse's own diagnosis of the median run) and, for " +
        "the script sizes, the per-page table.",
    );
  }
  return {
    id: "pages",
    title: "3. Pages",
    method: [
      "The production build (`next build`, rebuilt first when the sources changed) served by `next start` on " +
        "127.0.0.1:3300 with a PostgreSQL database of its own (2,000 seeded orders, 60 of them the demo " +
        "customer's), the sandbox CA, and the demo accounts (`SEED_DEMO=1`). Pages are fetched signed in with " +
        "the right role (Auth.js credentials sign-in, session cookie).",
      "**First-load JavaScript:** every `<script src>` under `/_next/static/` in the page's HTML, fetched from " +
        "the server and gzipped with Node's zlib at level 9, summed. **Baseline:** `/sign-in`, and the scripts " +
        "shared by all four pages (the framework and the app shell).",
      `**Lighthouse 12.2.3** in Debian's chromium (headless), performance and accessibility only, median of ` +
        `${options.lighthouseRuns} runs per page and preset; the session cookie is sent as an extra header. ` +
        "Mobile is Lighthouse's default and the stricter one (a mid-range phone, slow 4G, 4× CPU slowdown, " +
        "all simulated); desktop is its desktop preset. Customers order from office desktops mostly, but the " +
        "wizard is meant to work on a phone, so both are reported. **Baseline:** `/sign-in`, measured alike.",
    ],
    figures,
    notes,
  };
}

function bootup(lhr: Result): { url: string; total: number; scripting: number }[] {
  const details = lhr.audits["bootup-time"]?.details;
  if (!details || !("items" in details) || !Array.isArray(details.items)) return [];
  return (details.items as { url?: string; total?: number; scripting?: number }[])
    .map((i) => ({
      url: String(i.url ?? ""),
      total: Number(i.total ?? 0),
      scripting: Number(i.scripting ?? 0),
    }))
    .slice(0, 8);
}
