import { ResendVerification } from "./resend-verification";

/**
 * Shown on Account, My orders, a new order and a draft being edited while the customer's address
 * is unconfirmed, so they learn before "Place order" that sending an order needs the link from the
 * mail. On the order pages it is the one place to ask for the link again: the wizard's refusal
 * ("confirm your e-mail address first") adds no button of its own.
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  return (
    <section
      aria-labelledby="verify-heading"
      className="mb-6 max-w-2xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
    >
      <h2 id="verify-heading" className="font-semibold">
        Confirm your e-mail address
      </h2>
      <p className="mt-1">
        Open the link we sent to {email} to confirm it is yours. Until then you can prepare orders but not
        send them.
      </p>
      <ResendVerification />
    </section>
  );
}
