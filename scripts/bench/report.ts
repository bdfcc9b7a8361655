import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";
import type { Machine, RunInfo } from "./machine";

// docs/benchmarks.md: a header (machine, run, how to reproduce) and one section per benchmark,
// each between markers, so a partial run (`--only pages`) replaces its own section and keeps the
// others as they were measured, each with its own date and commit line.

export type SectionId = "placement" | "history" | "pages" | "polling" | "api";
export const SECTION_IDS: readonly SectionId[] = ["placement", "history", "pages", "polling", "api"];

export interface Figure {
  name: string;
  value: string;
  baseline: string;
  comparison: string;
  target: string;
  /** null: an informative figure without a target. */
  met: boolean | null;
}

export interface Section {
  id: SectionId;
  title: string;
  /** Markdown paragraphs before the table: what is measured, and against what. */
  method: string[];
  figures: Figure[];
  /** Markdown after the table: gaps and their measured causes, profiles, failing audits. */
  notes: string[];
}

export const DOC_PATH = "docs/benchmarks.md";

const begin = (id: SectionId) => `<!-- bench:${id} -->`;
const end = (id: SectionId) => `<!-- /bench:${id} -->`;

const cell = (text: string) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

export function markdownTable(head: string[], rows: string[][]): string {
  return table(head, rows);
}

const verdict = (met: boolean | null) => (met === null ? "–" : met ? "met" : "**NOT met**");

export function renderSection(section: Section, run: RunInfo, options: string, load: string): string {
  const figures = table(
    ["figure", "measured", "baseline", "comparison", "target", "result"],
    section.figures.map((f) => [f.name, f.value, f.baseline, f.comparison, f.target, verdict(f.met)]),
  );
  return [
    begin(section.id),
    `## ${section.title}`,
    `_Measured ${run.date} at commit \`${run.commit}\` with \`${options}\`; ${load}._`,
    ...section.method,
    figures,
    ...section.notes,
    end(section.id),
  ].join("\n\n");
}

function header(machine: Machine, run: RunInfo, partial: boolean): string {
  const rows = [
    ["CPU", `${machine.cores} cores, ${machine.cpuModel}`],
    ["memory", `${machine.memoryGiB} GiB`],
    ["OS", machine.os],
    ["Node.js", machine.node],
    ["PostgreSQL", machine.postgres],
  ];
  return [
    "# Benchmarks",
    "Written by `npm run bench` (`scripts/bench/`); do not edit by hand, rerun it. Every figure is " +
      "a median over several runs (or a percentile over repetitions, where stated), compared with " +
      "a baseline measured in the same run on the same machine.",
    table(["machine", ""], rows),
    partial
      ? `Last written ${run.date} at commit \`${run.commit}\` by a partial run; each section names when it was measured.`
      : `Measured ${run.date} at commit \`${run.commit}\` (a full run).`,
    "## Reproduce",
    [
      "```sh",
      "npm run bench                                   # everything: about 10 minutes, 1,000,000 orders",
      "npm run bench -- --only placement --runs 3       # one part (placement, history, pages, polling), fewer runs",
      "npm run bench -- --only history --orders 100000 --customers 1000",
      "npm run bench -- --only polling --polling-orders 10000 --polling-budget 600 --polling-seconds 90",
      "npm run bench -- --only api --runs 3 --api-orders 100   # API against the server action, over HTTP",
      "DATABASE_URL=postgresql://user@host:5432/postgres npm run bench   # another server (default: 127.0.0.1)",
      "```",
    ].join("\n"),
    "The script creates its own databases (`portal_bench_<timestamp>_*`) on that server and drops them at " +
      "the end; pages are measured on the production build (`next build` runs first when sources changed) " +
      "served on 127.0.0.1:3300 (`BENCH_APP_PORT` to change it; `BENCH_SANDBOX_PORT` fixes the API part's sandbox CA port). Results on a shared or busy machine vary: compare the ratios to their " +
      "baselines rather than absolute figures between machines.",
  ].join("\n\n");
}

/** Writes the document: the sections run now, and (in a partial run) the others from the existing file. */
export async function writeReport(
  machine: Machine,
  run: RunInfo,
  rendered: Map<SectionId, string>,
  partial: boolean,
): Promise<void> {
  const previous = partial && existsSync(DOC_PATH) ? readFileSync(DOC_PATH, "utf8") : "";
  const parts = [header(machine, run, partial)];
  for (const id of SECTION_IDS) {
    const fresh = rendered.get(id);
    if (fresh) {
      parts.push(fresh);
      continue;
    }
    const from = previous.indexOf(begin(id));
    const to = previous.indexOf(end(id));
    if (from >= 0 && to > from) parts.push(previous.slice(from, to + end(id).length));
  }
  // Formatted as the repository formats its Markdown, so `prettier --check` passes on the result.
  const options = { ...(await prettier.resolveConfig(DOC_PATH)), parser: "markdown" };
  writeFileSync(DOC_PATH, await prettier.format(`${parts.join("\n\n")}\n`, options));
}
