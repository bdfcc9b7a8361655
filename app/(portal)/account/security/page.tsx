import type { Metadata } from "next";
import { PasskeyRegister } from "@/components/two-factor/passkey-register";
import { PasswordActionForm } from "@/components/two-factor/password-action-form";
import { TotpSetup } from "@/components/two-factor/totp-setup";
import { requireUser } from "@/lib/auth/guards";
import { hasRole, STAFF } from "@/lib/auth/roles";
import { listSecondFactors } from "@/lib/auth/two-factor/manage";
import { pendingTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import {
  addPasskeyAction,
  addPasskeyOptionsAction,
  addTotpAction,
  removePasskeyAction,
  removeTotpAction,
  renewRecoveryCodesAction,
} from "./actions";

export const metadata: Metadata = { title: "Security" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function SecurityPage() {
  const user = await requireUser();
  const factors = await listSecondFactors(user);
  const enrolment = factors.totp ? null : await pendingTotpEnrolment(user);
  const any = factors.totp || factors.passkeys.length > 0;
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Security</h1>
      <p className="mb-6 max-w-2xl text-sm text-slate-700">
        {hasRole(user, STAFF)
          ? "Staff accounts always sign in with a second factor. You can add more and remove one as long as one is left."
          : "A second factor keeps your account safe even if someone learns your password. It is optional."}
      </p>
      <section aria-labelledby="totp-heading" className="mb-8 max-w-2xl">
        <h2 id="totp-heading" className="mb-2 text-lg font-semibold">
          Authenticator app: {factors.totp ? "on" : "off"}
        </h2>
        {enrolment ? (
          <TotpSetup
            qrSvg={enrolment.qrSvg}
            secret={enrolment.secret}
            confirm={addTotpAction}
            continueTo="/account/security"
            askPassword
          />
        ) : (
          <PasswordActionForm id="remove-totp" action={removeTotpAction} submit="Remove the app" danger />
        )}
      </section>
      <section aria-labelledby="passkeys-heading" className="mb-8 max-w-2xl">
        <h2 id="passkeys-heading" className="mb-2 text-lg font-semibold">
          Passkeys
        </h2>
        {factors.passkeys.length ? (
          <ul
            aria-label="Your passkeys"
            className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200"
          >
            {factors.passkeys.map((p) => (
              <li key={p.id} className="p-3 text-sm">
                <p className="font-semibold break-words">{p.name}</p>
                <p className="text-slate-600">
                  Added {when.format(p.createdAt)} UTC ·{" "}
                  {p.lastUsedAt ? `last used ${when.format(p.lastUsedAt)} UTC` : "not used yet"}
                </p>
                <PasswordActionForm
                  id={`remove-passkey-${p.id}`}
                  action={removePasskeyAction}
                  hidden={{ passkeyId: p.id }}
                  submit={`Remove “${p.name}”`}
                  danger
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm">No passkeys yet.</p>
        )}
        <PasskeyRegister options={addPasskeyOptionsAction} finish={addPasskeyAction} askPassword />
      </section>
      <section aria-labelledby="recovery-heading-page" className="max-w-2xl">
        <h2 id="recovery-heading-page" className="mb-2 text-lg font-semibold">
          Recovery codes: {factors.recoveryCodesLeft} left
        </h2>
        {any ? (
          <PasswordActionForm
            id="renew-codes"
            action={renewRecoveryCodesAction}
            submit="Make new recovery codes"
          />
        ) : (
          <p className="text-sm">Recovery codes come with your first second factor.</p>
        )}
      </section>
    </>
  );
}
