import type { ActionState } from "@/lib/actions";
import { CodeForm } from "./code-form";

/** Setting up an authenticator app: the QR code, the key as text, and the first code. */
export function TotpSetup({
  qrSvg,
  secret,
  confirm,
  continueTo,
  askPassword,
}: {
  askPassword?: boolean;
  qrSvg: string;
  secret: string;
  confirm: (
    p: ActionState<{ codes: string[] }> | undefined,
    f: FormData,
  ) => Promise<ActionState<{ codes: string[] }>>;
  continueTo?: string;
}) {
  const src = `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`;
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Scan this code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or
        1Password), then enter the 6-digit code it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing to optimise */}
      <img src={src} alt="QR code to add this account to an authenticator app" width={180} height={180} />
      <p className="text-sm">
        Cannot scan? Enter this key in the app instead:{" "}
        <code data-testid="totp-secret" className="font-mono break-all">
          {secret}
        </code>
      </p>
      <CodeForm
        action={confirm}
        label="6-digit code from the app"
        submit="Turn on"
        continueTo={continueTo}
        askPassword={askPassword}
      />
    </div>
  );
}
