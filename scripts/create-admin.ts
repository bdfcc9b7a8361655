import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createAccountSchema } from "@/lib/users/schemas";
import { createAccountFromCommandLine } from "@/lib/users/admin";
import { EmailTakenError } from "@/lib/users/data";
import { closeDb } from "@/lib/db";

// `npm run create-admin -- --email a@b.example --name "Ada Admin"`; the password comes from
// ADMIN_PASSWORD or a hidden prompt, never from the command line (it would land in shell history).
async function prompt(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = hidden;
  const value = await answer;
  rl.close();
  if (hidden) process.stdout.write("\n");
  return value.trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const email = values.email ?? (await prompt("E-mail: "));
  const name = values.name ?? (await prompt("Name: "));
  const password = process.env.ADMIN_PASSWORD ?? (await prompt("Password (hidden): ", true));
  const parsed = await createAccountSchema.safeParseAsync({ email, name, password, role: "ADMIN" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
    process.exitCode = 2;
    return;
  }
  try {
    const user = await createAccountFromCommandLine(parsed.data);
    // No second factor yet: the first sign-in leads to setting one up (staff must have one).
    console.log(
      `Created admin account ${user.email}. At the first sign-in you will set up two-factor sign-in.`,
    );
  } catch (error) {
    if (error instanceof EmailTakenError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
