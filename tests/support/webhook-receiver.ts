import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A webhook receiver over real HTTP, as an integrator would write one: it verifies each
// delivery with the Standard Webhooks reference implementation, accepts each webhook-id once
// (a repeat is answered 200 and not accepted again), and can be taken down and brought back on
// the same port.

export interface Received {
  id: string;
  type: string;
  orderId: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

export interface Receiver {
  url: string;
  /** Deliveries accepted, in arrival order (each webhook-id once). */
  accepted: Received[];
  /** Deliveries of an id already accepted (a replay, or a retry after a lost answer). */
  repeats: string[];
  /** Deliveries whose signature did not verify (answered 400). */
  unverified: number;
  /** The answer to give (e.g. 500), or null to accept. */
  failWith: number | null;
  /** The signing secret to verify with (set once the endpoint exists). */
  secret: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    accepted: [],
    repeats: [],
    unverified: 0,
    failWith: null,
    secret: "",
    down: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    up: () => listen(port),
    close: () => receiver.down(),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (receiver.failWith) {
        response.writeHead(receiver.failWith).end();
        return;
      }
      let payload: Received["payload"];
      try {
        payload = new Webhook(receiver.secret).verify(
          body,
          request.headers as Record<string, string>,
        ) as Received["payload"];
      } catch {
        receiver.unverified += 1;
        response.writeHead(400).end();
        return;
      }
      const id = String(request.headers["webhook-id"]);
      if (receiver.accepted.some((r) => r.id === id)) receiver.repeats.push(id);
      else receiver.accepted.push({ id, type: payload.type, orderId: String(payload.data.orderId), payload });
      response.writeHead(204).end();
    });
  });
  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(at, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/hooks`;
  return receiver;
}
