import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// Server action ids are hashes made at build time. The production build lists every action in
// .next/server/server-reference-manifest.json; Next 16 records each one's source file and export
// name there, so the ids are looked up by name instead of being scraped from bundled chunks.

export interface ActionRef {
  /** Source file as the manifest records it, relative to the project root. */
  file: string;
  name: string;
}

export const ACTIONS = {
  saveDraft: { file: "app/(portal)/orders/actions.ts", name: "saveDraftAction" },
  submitOrder: { file: "app/(portal)/orders/actions.ts", name: "submitOrderAction" },
  signUp: { file: "app/(auth)/actions.ts", name: "signUpAction" },
  secondFactor: { file: "app/(auth)/two-factor/actions.ts", name: "verifyCodeAction" },
  verifyEmail: { file: "app/(auth)/verify-email/actions.ts", name: "verifyEmailAction" },
} as const satisfies Record<string, ActionRef>;

export type ActionIds = Record<keyof typeof ACTIONS, string>;

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The ids of the actions the soak calls, from the build in `nextDir`. */
export function readActionIds(nextDir = ".next"): ActionIds {
  const file = path.join(nextDir, "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error(`no production build in ${nextDir} (run \`npm run build\`)`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, ManifestEntry> };
  const entries = Object.entries(manifest.node ?? {});
  if (entries.length && entries.every(([, e]) => e.exportedName === undefined)) {
    throw new Error(
      `${file} does not name its actions (exportedName); this Next.js version is not supported`,
    );
  }
  const find = (ref: ActionRef): string => {
    const ids = entries
      .filter(([, e]) => e.filename === ref.file && e.exportedName === ref.name)
      .map(([id]) => id);
    if (ids.length !== 1) throw new Error(`${file}: ${ids.length} entries for ${ref.name} in ${ref.file}`);
    return ids[0]!;
  };
  return {
    saveDraft: find(ACTIONS.saveDraft),
    submitOrder: find(ACTIONS.submitOrder),
    signUp: find(ACTIONS.signUp),
    secondFactor: find(ACTIONS.secondFactor),
    verifyEmail: find(ACTIONS.verifyEmail),
  };
}
