import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { PROBLEM_TYPES, problemAnchor, type ProblemType } from "@/lib/api/problem";

export const metadata: Metadata = { title: "API reference" };

/**
 * The API's reference for integrators, public like the document it shows (no secret in either).
 * Swagger UI comes from the portal itself (app/developers/assets), so it works offline, and its
 * scripts carry this response's nonce, as the content security policy requires.
 */
export default async function DevelopersPage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold">API reference</h1>
      <p className="mt-2 text-sm text-slate-700">
        Order certificates from your own systems with an organization&apos;s API key: an owner creates one
        under{" "}
        <Link href="/organizations" className="text-brand-700 underline">
          Organizations
        </Link>{" "}
        → API keys. Send it as <code>Authorization: Bearer eidas_live_…</code> and an{" "}
        <code>Idempotency-Key</code> with every write. The machine-readable document is{" "}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      {/* eslint-disable-next-line @next/next/no-css-tags -- the viewer's own stylesheet, from its package */}
      <link rel="stylesheet" href="/developers/assets/swagger-ui.css" precedence="default" nonce={nonce} />
      <div id="api-reference" className="mt-6" />
      <section aria-labelledby="problems-heading" className="mt-8">
        <h2 id="problems-heading" className="text-lg font-semibold">
          Problem types
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Every error is an RFC 9457 <code>application/problem+json</code> whose <code>type</code> links here.
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {(Object.keys(PROBLEM_TYPES) as ProblemType[]).map((type) => (
            <div key={type} className="contents">
              <dt id={problemAnchor(type)} className="font-mono">
                {PROBLEM_TYPES[type].status}
              </dt>
              <dd>
                <code>{problemAnchor(type)}</code>: {PROBLEM_TYPES[type].title}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <script src="/developers/assets/swagger-ui-bundle.js" nonce={nonce} defer />
      <script src="/api-reference.js" nonce={nonce} defer />
    </main>
  );
}
