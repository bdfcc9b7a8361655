import { listOpenIncidents } from "@/lib/alerts/queries";
import type { SessionUser } from "@/lib/users/data";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The open alert incidents, above every page, for admins and support (nothing for others). */
export async function IncidentBanner({ user }: { user: SessionUser }) {
  const incidents = await listOpenIncidents(user);
  if (!incidents.length) return null;
  return (
    <section
      aria-label="Operations alerts"
      className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900"
    >
      <ul className="mx-auto max-w-6xl space-y-1">
        {incidents.map((incident) => (
          <li key={incident.id}>
            <strong className="font-semibold">{incident.title}</strong> since{" "}
            <time dateTime={incident.startedAt.toISOString()}>{time.format(incident.startedAt)} UTC</time>:{" "}
            {incident.now}.
          </li>
        ))}
      </ul>
    </section>
  );
}
