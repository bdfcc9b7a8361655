import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { parseResponse } from "@/lib/sectigo/response";

// `npm run sandbox` as a developer runs it: a separate process on SANDBOX_PORT.

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("sandbox CLI", () => {
  it("listens on SANDBOX_PORT, prints its URL and answers like Sectigo", async () => {
    const port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: {
        ...process.env,
        SANDBOX_PORT: String(port),
        SANDBOX_DATA_DIR: "memory",
        SECTIGO_LOGIN_NAME: "",
        SECTIGO_LOGIN_PASSWORD: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child!.stdout!.on("data", (chunk) => {
        seen += String(chunk);
        if (seen.includes("listening on")) resolve(seen);
      });
      child!.stderr!.on("data", (chunk) => (seen += String(chunk)));
      child!.once("exit", (code) => reject(new Error(`sandbox exited (${code}): ${seen}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    expect(output).toContain(`Sandbox CA listening on ${url}`);

    const get = await fetch(`${url}/products/!AutoApplyOrder`);
    expect(parseResponse(await get.text())).toMatchObject({ kind: "error", code: -17 });
    const login = await fetch(`${url}/products/!AutoApplyOrder`, {
      method: "POST",
      body: new URLSearchParams({
        loginName: "sandbox-partner",
        loginPassword: "wrong",
        responseFormat: "1",
      }),
    });
    expect(parseResponse(await login.text())).toMatchObject({ kind: "error", format: 1, code: -16 });
  });
});
