import { apiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, public (it holds no secret), built
// once per process from the routes' zod schemas.
export const dynamic = "force-static";

let document: string | undefined;

export function GET() {
  document ??= JSON.stringify(apiDocument());
  return new Response(document, {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
}
