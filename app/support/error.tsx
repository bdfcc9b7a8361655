"use client";

import { RouteError } from "@/components/layout/route-error";

export default function SupportError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} back={{ href: "/support", label: "Back to the support queue" }} />
  );
}
