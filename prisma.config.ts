import { defineConfig } from "prisma/config";

// The CLI needs a URL only for commands that touch a database (migrate, db). `npm run prisma`
// (scripts/prisma.mjs) supplies the offline schema engine when the native one is absent.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
