import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";
import { onCleanup } from "./cleanup";

// Lighthouse 12 in Debian's chromium, performance and accessibility only. "mobile" is
// Lighthouse's default (a mid-range phone on a slow 4G connection, simulated throttling);
// "desktop" is its desktop preset.

const ATTEMPTS = 3;

export type Preset = "mobile" | "desktop";

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export interface Browser {
  audit(url: string, preset: Preset, cookie?: string): Promise<Result>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
  });
  const close = onCleanup(async () => chrome.kill());
  return {
    async audit(url, preset, cookie) {
      // Chromium now and then fails to record the page load's trace (NO_NAVSTART); such a run
      // measured nothing and is repeated, up to ATTEMPTS times in all.
      let failure = "";
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        const result = await lighthouse(
          url,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            extraHeaders: cookie ? { Cookie: cookie } : undefined,
          },
          preset === "desktop" ? desktopConfig : undefined,
        );
        if (result && !result.lhr.runtimeError) return result.lhr;
        failure = result?.lhr.runtimeError?.message ?? `no result for ${url}`;
        console.log(`  Lighthouse run failed (${failure}); attempt ${attempt} of ${ATTEMPTS}`);
      }
      throw new Error(`Lighthouse: ${failure}`);
    },
    close,
  };
}

export interface Finding {
  id: string;
  title: string;
  display: string;
}

/** Accessibility audits that failed (score below 1). */
export function failedAccessibility(lhr: Result): Finding[] {
  return (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id]!)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
    .map((a) => ({ id: a.id, title: a.title, display: itemsOf(a.details) }));
}

/** Performance metrics, and the performance audits that did not pass (score below 0.9). */
export function performanceFindings(lhr: Result): { metrics: Finding[]; failing: Finding[] } {
  const refs = lhr.categories.performance?.auditRefs ?? [];
  const metrics = refs
    .filter((r) => r.group === "metrics")
    .map((r) => lhr.audits[r.id]!)
    .map((a) => ({ id: a.id, title: a.title, display: a.displayValue ?? "" }));
  const failing = refs
    .filter((r) => r.group !== "metrics")
    .map((r) => lhr.audits[r.id]!)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative")
    .map((a) => ({ id: a.id, title: a.title, display: a.displayValue ?? "" }));
  return { metrics, failing };
}

function itemsOf(details: Result["audits"][string]["details"]): string {
  if (!details || !("items" in details) || !Array.isArray(details.items)) return "";
  const nodes = details.items
    .map((item) => (item as { node?: { snippet?: string } }).node?.snippet)
    .filter((s): s is string => Boolean(s));
  const shown = nodes.slice(0, 3).map((s) => (s.length > 100 ? `${s.slice(0, 100)}…` : s));
  return nodes.length ? `${nodes.length} element(s), e.g. ${shown.join(" ")}` : "";
}
