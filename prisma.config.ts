import { defineConfig } from "prisma/config";

// Only commands that touch a database (migrate, db) need DATABASE_URL: a PostgreSQL URL, or
// `pglite:<dir>` for a stopped embedded database. `npm run prisma` (scripts/prisma.mjs) supplies
// the offline schema engine when the native one is absent. Never set a default URL here: a
// forgotten variable must fail loudly instead of migrating some other database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
