"use client";

import "./globals.css";
import { RouteError } from "@/components/layout/route-error";

// Replaces the root layout when the layout itself fails, so it brings its own document.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <title>Page could not be loaded · eIDAS Certificate Portal</title>
        <RouteError error={error} retry={retry} />
      </body>
    </html>
  );
}
