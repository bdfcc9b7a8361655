// Runs once when the Next.js server starts: open the database (which applies committed
// migrations), seed demo accounts and recover interrupted orders before the first request is
// served. A failed start-up is retried in the background (see startPortal), never left failed.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("@/lib/bootstrap");
  await startPortal();
}

// An error a page, action or route handler threw: the error page shows its digest as the
// "reference for support"; this line ties that reference to the request id and the path.
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/lib/log");
  const digest =
    typeof error === "object" && error !== null ? (error as { digest?: unknown }).digest : undefined;
  const requestId = request.headers["x-request-id"];
  logger.error(
    {
      digest: typeof digest === "string" ? digest : undefined,
      requestId: typeof requestId === "string" ? requestId : undefined,
      method: request.method,
      route: context.routePath,
      kind: context.routeType,
      err: error instanceof Error ? error.message : String(error),
    },
    "request failed",
  );
}
