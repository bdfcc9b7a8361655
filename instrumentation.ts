// Runs once when the Next.js server starts: open the database (which applies committed
// migrations), seed demo accounts and recover interrupted orders before the first request is
// served. A failed start-up is retried in the background (see startPortal), never left failed.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("@/lib/bootstrap");
  await startPortal();
}
