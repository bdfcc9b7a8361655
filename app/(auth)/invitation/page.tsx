import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/guards";
import { getInvitationByToken, INVITATION_REFUSALS } from "@/lib/organizations/accept-invitation";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { TokenButtonForm } from "../token-button-form";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

const alert = (text: string) => (
  <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
    {text}
  </p>
);

// Opening the link only reads it (mail scanners open links); the button's POST accepts.
export default async function InvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const invitation = await getInvitationByToken(token);
  const user = await getCurrentUser();
  if (!invitation) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">Invitation</h1>
        {alert(INVITATION_REFUSALS.invalid)}
      </>
    );
  }
  const here = `/invitation?token=${encodeURIComponent(token ?? "")}`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Join {invitation.organizationName}</h1>
      <p className="mb-4 text-sm">
        {invitation.inviterName ?? "An owner"} invites{" "}
        <strong className="break-all">{invitation.email}</strong> to join{" "}
        <strong>{invitation.organizationName}</strong> as{" "}
        {invitation.roles.map((r) => ROLE_WORDS[r].label.toLowerCase()).join(", ")}.
      </p>
      {invitation.state !== "open" ? (
        alert(INVITATION_REFUSALS[invitation.state])
      ) : !user ? (
        <div className="space-y-2 text-sm">
          <p>Sign in with {invitation.email} to accept.</p>
          <p>
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
              className="text-brand-700 font-semibold underline"
            >
              Sign in
            </Link>
          </p>
          <p>
            No account yet?{" "}
            <Link
              href={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
              className="text-brand-700 font-semibold underline"
            >
              Sign up with {invitation.email}
            </Link>
            ; the link that confirms your address brings you back here.
          </p>
        </div>
      ) : user.email !== invitation.email ? (
        alert(
          `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out, then sign in or sign up with ${invitation.email} and open the link again.`,
        )
      ) : (
        <TokenButtonForm
          token={token!}
          action={acceptInvitationAction}
          label={`Join ${invitation.organizationName}`}
          next={{ href: "/organizations", label: "Go to your organizations" }}
        />
      )}
    </>
  );
}
