import type { AuthenticatorTransportFuture } from "@simplewebauthn/server";
import type { SessionUser } from "@/lib/users/data";

/** The session a passkey ceremony belongs to: its challenge is kept on that session's row. */
export interface SignInStep {
  user: SessionUser;
  sessionId: string;
}

export const transportsOf = (stored: string[]) => stored as AuthenticatorTransportFuture[];
export const CHALLENGE_EXPIRED = "The passkey request has expired. Try again.";
