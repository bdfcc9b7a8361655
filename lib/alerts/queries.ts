import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { INCIDENT_LABELS, isIncidentKind, type IncidentKind } from "./conditions";

export interface OpenIncidentView {
  id: string;
  kind: IncidentKind;
  title: string;
  startedAt: Date;
  /** The latest value, in words. */
  now: string;
}

/** Open incidents for the portal's banner: admins and support only; nobody else sees any. */
export async function listOpenIncidents(user: SessionUser): Promise<OpenIncidentView[]> {
  if (user.role !== "ADMIN" && user.role !== "SUPPORT") return [];
  const prisma = await db();
  const rows = await prisma.incident.findMany({
    where: { endedAt: null },
    select: { id: true, kind: true, startedAt: true, lastValue: true },
    orderBy: { startedAt: "asc" },
  });
  return rows.flatMap((row) =>
    isIncidentKind(row.kind)
      ? [
          {
            id: row.id,
            kind: row.kind,
            title: INCIDENT_LABELS[row.kind].title,
            startedAt: row.startedAt,
            now: INCIDENT_LABELS[row.kind].format(row.lastValue),
          },
        ]
      : [],
  );
}
