"use client";

import { RouteError } from "@/components/layout/route-error";

export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} back={{ href: "/orders", label: "Back to my orders" }} />;
}
