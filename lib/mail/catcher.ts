import "server-only";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

// The demo mail server: real SMTP on 127.0.0.1 (no TLS, no AUTH: it takes no mail from
// elsewhere), each message parsed and stored in CaughtMail, where the demo mail page
// (/admin/mail) and the browser tests read it. Every portal instance may run one; they share the
// table. A message is stored before the server answers 250, as a real server queues it.

export interface CaughtMessage {
  recipients: string[];
  sender: string;
  messageId: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
}

export interface CatcherOptions {
  port?: number;
  /** Where messages go; default the CaughtMail table of `prisma`. */
  store: (message: CaughtMessage) => Promise<void>;
  /** Tests: runs before each RCPT TO is answered (e.g. to hold a sender mid-session). */
  beforeRecipient?: () => Promise<void>;
}

export interface RunningCatcher {
  url: string;
  port: number;
  close(): Promise<void>;
}

const KEPT_HEADERS = ["list-unsubscribe", "list-unsubscribe-post", "auto-submitted", "from", "to", "date"];

export function storeInTable(prisma: PrismaClient) {
  return async (message: CaughtMessage) => {
    await prisma.caughtMail.create({ data: { ...message, headers: message.headers } });
  };
}

export async function startMailCatcher(options: CatcherOptions): Promise<RunningCatcher> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      (options.beforeRecipient?.() ?? Promise.resolve()).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const headers: Record<string, string> = {};
          for (const name of KEPT_HEADERS) {
            const line = parsed.headerLines.find((h) => h.key === name);
            if (line) headers[name] = line.line.slice(line.line.indexOf(":") + 1).trim();
          }
          await options.store({
            recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            messageId: parsed.messageId ?? null,
            subject: parsed.subject ?? "",
            text: parsed.text ?? null,
            html: typeof parsed.html === "string" ? parsed.html : null,
            headers,
          });
        })
        .then(
          () => callback(),
          (error: unknown) => {
            logger.warn({ err: (error as Error).message }, "demo mail catcher could not store a message");
            callback(Object.assign(new Error("Message not stored, try again later"), { responseCode: 451 }));
          },
        );
    },
  });
  server.on("error", (error) => logger.warn({ err: error.message }, "demo mail catcher error"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
