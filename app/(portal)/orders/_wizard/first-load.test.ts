import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

// The wizard's first load must not carry the order schema (zod), the CSR decoder
// (@peculiar/x509, asn1js, tsyringe) or the steps after the first: they come with
// later-steps.ts, imported dynamically.
// This follows the static, non-type imports from a file the way a bundler does.

const ROOT = path.resolve(__dirname, "../../../..");
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"([^"]+)"/gm;

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  const file = ["", ".ts", ".tsx", "/index.ts"]
    .map((ext) => base + ext)
    .find((f) => existsSync(f) && f !== base);
  return file ?? (existsSync(base) ? base : null);
}

/** Every repository file and package a file pulls in at load time. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, "utf8");
    // The browser gets only references to server actions.
    if (/^["']use server["']/.test(source)) continue;
    for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
      const target = resolve(file, specifier!);
      if (target) queue.push(target);
      else if (!specifier!.startsWith(".") && !specifier!.startsWith("@/")) packages.add(specifier!);
    }
  }
  return { files: new Set([...files].map((f) => path.relative(ROOT, f))), packages };
}

const HEAVY_FILES = [
  "app/(portal)/orders/_wizard/csr-step.tsx",
  "app/(portal)/orders/_wizard/review-step.tsx",
  "app/(portal)/orders/_wizard/field-control.tsx",
  "lib/csr/x509.ts",
  "lib/csr/decode.ts",
  "lib/sectigo/schema.ts",
  "lib/orders/model/input.ts",
];
const HEAVY_PACKAGES = ["zod", "@hookform/resolvers/zod", "@peculiar/x509", "reflect-metadata"];

describe("the order wizard's first load", () => {
  test("leaves out the schema and the CSR decoder", () => {
    const { files, packages } = staticGraph("app/(portal)/orders/_wizard/order-wizard.tsx");
    expect(files).toContain("app/(portal)/orders/_wizard/product-step.tsx");
    expect(HEAVY_FILES.filter((f) => files.has(f))).toEqual([]);
    expect(HEAVY_PACKAGES.filter((p) => packages.has(p))).toEqual([]);
  });

  test("the dynamically imported later steps carry them", () => {
    const { files, packages } = staticGraph("app/(portal)/orders/_wizard/later-steps.ts");
    expect(HEAVY_FILES.filter((f) => files.has(f))).toEqual(HEAVY_FILES);
    expect(HEAVY_PACKAGES.filter((p) => packages.has(p))).toEqual(HEAVY_PACKAGES);
  });
});
