#!/usr/bin/env node
// package.json `postinstall`: generates the Prisma client (lib/generated/prisma). Needs neither
// a database nor DATABASE_URL, and works offline through scripts/prisma.mjs.
import { createRequire } from "node:module";
import { runPrisma } from "./prisma.mjs";

try {
  createRequire(import.meta.url).resolve("prisma/package.json");
} catch {
  // `npm ci --omit=dev` (a runtime image) has no CLI; the client must come from the build stage.
  console.warn(
    "prisma-generate: the prisma CLI is not installed (dev dependencies omitted?); skipping generate.",
  );
  process.exit(0);
}

process.exitCode = await runPrisma(["generate"]);
