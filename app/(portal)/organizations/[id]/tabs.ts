import type { OrgCapability } from "@/lib/organizations/permissions";

/**
 * The tabs of an organization's pages, in order: the one list every page under
 * /organizations/[id] adds its entry to. `path` is appended to /organizations/<id>; a tab with a
 * capability is shown only to members whose roles grant it (its page checks again).
 */
export const ORGANIZATION_TABS: readonly { path: string; label: string; capability?: OrgCapability }[] = [
  { path: "", label: "Members" },
  { path: "/profile", label: "Company profile" },
  { path: "/approval", label: "Approval", capability: "manage" },
  { path: "/api-keys", label: "API keys", capability: "manage" },
  { path: "/webhooks", label: "Webhooks", capability: "manage" },
];
