"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The organization's tabs as links; the current one is marked for screen readers too. */
export function TabNav({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization" className="mt-3 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => {
        const current = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-t-md px-3 py-2 text-sm ${
              current ? "border-brand-600 border-b-2 font-semibold" : "text-slate-700 hover:underline"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
