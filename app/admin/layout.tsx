import { AppHeader } from "@/components/layout/app-header";
import { IncidentBanner } from "@/components/layout/incident-banner";
import { signOutAction } from "@/app/sign-out-action";
import { requireRole } from "@/lib/auth/guards";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole("ADMIN");
  return (
    <>
      <AppHeader user={user} signOutAction={signOutAction} />
      <IncidentBanner user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
