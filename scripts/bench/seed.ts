import { spawn } from "node:child_process";

/** Fills a database with `scripts/seed-history.ts` (bulk SQL in the database), echoing its progress. */
export function seedHistory(url: string, orders: number, customers: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/seed-history.ts",
        "--orders",
        String(orders),
        "--customers",
        String(customers),
      ],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
    );
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      for (const line of text.split("\n")) if (line.trim()) console.log(`  seed: ${line}`);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`seed-history exited with code ${code}`)),
    );
  });
}
