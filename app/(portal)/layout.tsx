import { AppHeader } from "@/components/layout/app-header";
import { signOutAction } from "@/app/sign-out-action";
import { requireUser } from "@/lib/auth/guards";
import { belongsToCompany } from "@/lib/organizations/queries";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} signOutAction={signOutAction} inCompany={await belongsToCompany(user)} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
