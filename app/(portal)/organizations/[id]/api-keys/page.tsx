import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { listApiKeys } from "@/lib/api-keys/manage";
import { API_KEY_ROLES } from "@/lib/api-keys/roles";
import { LiveStatus } from "@/components/ui/live-status";
import { ActionForm } from "../../_components/action-form";
import { revokeApiKeyAction } from "./actions";
import { CreateKeyForm } from "./create-key-form";

export const metadata: Metadata = { title: "API keys" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function state(key: { revokedAt: Date | null; expiresAt: Date | null }): string {
  if (key.revokedAt) return `revoked ${when.format(key.revokedAt)} UTC`;
  if (key.expiresAt && key.expiresAt <= new Date()) return `expired ${when.format(key.expiresAt)} UTC`;
  return key.expiresAt ? `valid until ${when.format(key.expiresAt)} UTC` : "no expiry";
}

/** The organization's API keys, for members who manage it (others: not found). */
export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ revoked?: string }>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const { revoked } = await searchParams;
  const keys = await listApiKeys(user, id);
  if (!keys) notFound();
  return (
    <>
      <h2 className="text-lg font-semibold">API keys</h2>
      <p className="mt-1 text-sm text-slate-700">
        Your own systems can order through the portal&apos;s API with a key. A key acts for the organization
        with one role, is shown once when it is created, and can be revoked at any time. The reference is at{" "}
        <a href="/developers" className="text-brand-700 underline">
          /developers
        </a>
        .
      </p>
      <LiveStatus
        message={revoked === "1" ? "Key revoked: it is refused from now on." : undefined}
        className="mt-3"
      />
      <CreateKeyForm organizationId={id} />
      <section aria-labelledby="keys-heading" className="mt-6">
        <h3 id="keys-heading" className="font-semibold">
          Keys
        </h3>
        {keys.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No keys yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {keys.map((key) => (
              <li key={key.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <p>
                  <span className="font-semibold break-all">{key.name}</span> ·{" "}
                  <code className="break-all">{key.prefix}…</code> · {API_KEY_ROLES[key.role].label} ·{" "}
                  {state(key)}
                </p>
                <p className="text-xs text-slate-600">
                  Created {when.format(key.createdAt)} UTC by {key.createdBy.name} · last used{" "}
                  {key.lastUsedAt ? `${when.format(key.lastUsedAt)} UTC` : "never"}
                </p>
                {key.revokedAt ? null : (
                  <ActionForm
                    action={revokeApiKeyAction}
                    label={`Revoke the key ${key.name}`}
                    submitLabel="Revoke"
                    variant="danger"
                    confirm={`Revoke the key "${key.name}"? Systems using it are refused at once.`}
                  >
                    <input type="hidden" name="organizationId" value={id} />
                    <input type="hidden" name="keyId" value={key.id} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
