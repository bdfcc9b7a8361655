// Runs once when the Next.js server starts: open the database (which applies committed
// migrations) and seed demo accounts, before the first request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("@/lib/bootstrap");
  await bootstrap();
}
