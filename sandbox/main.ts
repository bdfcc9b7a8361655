import { env } from "@/lib/env";
import { DEMO_STEP_DELAY_MS, SANDBOX_LOGIN_NAME, SANDBOX_LOGIN_PASSWORD, startSandbox } from "./server";

// `npm run sandbox`: the sandbox CA on its own, for developers pointing a portal or curl at it.
async function main(): Promise<void> {
  const config = env();
  const sandbox = await startSandbox({
    port: config.SANDBOX_PORT,
    host: "127.0.0.1",
    loginName: config.SECTIGO_LOGIN_NAME ?? SANDBOX_LOGIN_NAME,
    loginPassword: config.SECTIGO_LOGIN_PASSWORD ?? SANDBOX_LOGIN_PASSWORD,
    dataDir: config.SANDBOX_DATA_DIR === "memory" ? undefined : config.SANDBOX_DATA_DIR,
    stepDelayMs: config.SANDBOX_STEP_DELAY_MS ?? DEMO_STEP_DELAY_MS,
  });
  const faults = sandbox.state.faults;
  console.log(
    [
      `Sandbox CA listening on ${sandbox.url}`,
      `  orders:  POST ${sandbox.url}/products/!AutoApplyOrder  (login name: ${sandbox.loginName})`,
      `  listing: GET  ${sandbox.url}/sandbox/orders  (one order: /sandbox/orders/<n>, POST …/advance[?to=issued] | …/reject)`,
      `  steps:   every ${sandbox.state.settings.stepDelayMs} ms${sandbox.state.settings.stepDelayMs ? "" : " (manual)"}; data: ${sandbox.state.settings.dataDir ?? "memory only"}`,
      `  faults:  ${JSON.stringify(faults)}  (change with POST ${sandbox.url}/sandbox/faults)`,
    ].join("\n"),
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
