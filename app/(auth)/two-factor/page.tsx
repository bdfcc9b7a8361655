import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/sign-out-action";
import { CodeForm } from "@/components/two-factor/code-form";
import { PasskeyRegister } from "@/components/two-factor/passkey-register";
import { PasskeySignIn } from "@/components/two-factor/passkey-sign-in";
import { TotpSetup } from "@/components/two-factor/totp-setup";
import { Button } from "@/components/ui/button";
import { safeDestination } from "@/lib/auth/destination";
import { requireSignInStep } from "@/lib/auth/guards";
import { listSecondFactors } from "@/lib/auth/two-factor/manage";
import { pendingTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import {
  confirmTotpAction,
  passkeyEnrolAction,
  passkeyEnrolOptionsAction,
  passkeySignInAction,
  passkeySignInOptionsAction,
  verifyCodeAction,
} from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const session = await requireSignInStep();
  // Where the sign-in was going; only a path of the portal is followed.
  const next = safeDestination((await searchParams).callbackUrl).path;
  if (session.secondFactor === "done") redirect(next);
  const signOut = (
    <form action={signOutAction} className="mt-6">
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
  if (session.secondFactor === "enrol") {
    const enrolment = await pendingTotpEnrolment(session.user);
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold">Set up two-factor sign-in</h1>
        <p className="mb-4 text-sm">
          Staff accounts sign in with a second factor as well as the password. Set up an authenticator app or
          a passkey to continue.
        </p>
        <h2 className="mb-2 text-lg font-semibold">Authenticator app</h2>
        <TotpSetup
          qrSvg={enrolment.qrSvg}
          secret={enrolment.secret}
          confirm={confirmTotpAction}
          continueTo={next}
        />
        <h2 className="mt-6 mb-2 text-lg font-semibold">Or a passkey</h2>
        <PasskeyRegister
          options={passkeyEnrolOptionsAction}
          finish={passkeyEnrolAction}
          askPassword={false}
          continueTo={next}
        />
        {signOut}
      </>
    );
  }
  const factors = await listSecondFactors(session.user);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Two-factor sign-in</h1>
      <p className="mb-4 text-sm">Confirm it is you with your second factor.</p>
      {factors.passkeys.length ? (
        <div className="mb-6">
          <PasskeySignIn
            options={passkeySignInOptionsAction}
            finish={passkeySignInAction}
            callbackUrl={next}
          />
        </div>
      ) : null}
      <CodeForm
        action={verifyCodeAction}
        label={factors.totp ? "Code from your authenticator app, or a recovery code" : "Recovery code"}
        hint="A recovery code works once; each looks like abcd-efgh-jkmn."
        submit="Continue"
        hidden={{ callbackUrl: next }}
      />
      {signOut}
    </>
  );
}
