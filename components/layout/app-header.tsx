import Link from "next/link";
import type { SessionUser } from "@/lib/users/data";

const links = [
  { href: "/orders", label: "My orders", roles: ["CUSTOMER", "SUPPORT", "ADMIN"] },
  { href: "/support", label: "Support queue", roles: ["SUPPORT", "ADMIN"] },
  { href: "/support/find", label: "Find an order", roles: ["SUPPORT", "ADMIN"] },
  { href: "/admin", label: "Dashboard", roles: ["ADMIN"] },
  { href: "/admin/orders", label: "All orders", roles: ["ADMIN"] },
  { href: "/admin/users", label: "Users", roles: ["ADMIN"] },
  { href: "/admin/prices", label: "Prices", roles: ["ADMIN"] },
  // Only for members of a company organization: a private person sees none of it.
  { href: "/organizations", label: "Organizations", roles: ["CUSTOMER"], company: true },
  { href: "/account", label: "Account", roles: ["CUSTOMER", "SUPPORT", "ADMIN"] },
] as const;

// The layouts pass the sign-out action in: components/ never imports from app/.
export function AppHeader({
  user,
  signOutAction,
  extraLinks = [],
  inCompany = false,
}: {
  user: SessionUser;
  signOutAction: () => Promise<void>;
  /** Links only some users get, decided by the layout on the server (e.g. "Approvals"). */
  extraLinks?: readonly { href: string; label: string }[];
  /** The user belongs to a company organization (shows its link). */
  inCompany?: boolean;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/orders" className="text-brand-800 font-bold">
          eIDAS Certificate Portal
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
          {[
            ...links
              .filter((l) => (l.roles as readonly string[]).includes(user.role))
              .filter((l) => !("company" in l) || inCompany),
            ...extraLinks,
          ].map((l) => (
            <Link key={l.href} href={l.href} className="hover:text-brand-700 text-slate-700 hover:underline">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-600">
            {user.name}{" "}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase">
              {user.role.toLowerCase()}
            </span>
          </span>
          <form action={signOutAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
            >
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
