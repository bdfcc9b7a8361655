-- Trigram indexes need pg_trgm (a trusted contrib extension: the database owner may create it).
-- The embedded database (PGlite) offers it because lib/db/open.ts registers it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- Hand-written below: expression indexes, which Prisma's schema language cannot declare and its
-- diff does not track (so they cause no drift). lib/orders/search-sql.ts spells the same
-- expressions; PostgreSQL uses an expression index only for an identical expression.

-- Substring search (ILIKE '%term%') over the order numbers, organization and common name in one
-- index: one index scan and one ILIKE per row instead of four. The fields are joined by the
-- unit separator (U+001F), which search terms never contain, so no match spans two fields.
CREATE INDEX "Order_searchText_trgm_idx" ON "Order" USING GIN (
  ("externalOrderNumber" || E'\x1f' || COALESCE("sectigoOrderNumber", '') || E'\x1f' ||
   COALESCE("organizationName", '') || E'\x1f' || COALESCE("commonName", '')) gin_trgm_ops
);

-- Keyset of the admin list's product sort. A draft may have no product yet; a NULL would break
-- the row comparison (a, b, c) > (x, y, z), so it sorts as 0, before every product code.
CREATE INDEX "Order_productSort_idx" ON "Order" ((COALESCE("productCode", 0)), "createdAt", "id");
