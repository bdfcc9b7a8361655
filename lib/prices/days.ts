/** A validity in words: "90 days", "2 years (730 days)". Browser-safe. */
export function describeDays(days: number): string {
  if (days < 365) return `${days} days`;
  const years = Math.round(days / 365.25);
  return `${years} year${years === 1 ? "" : "s"} (${days} days)`;
}
