import { Agent, request } from "undici";
import { actionResultOf, encodeActionArgs } from "./rsc";

// One simulated customer's browser: a cookie jar over a shared keep-alive connection pool. Every
// answer's status is counted in the shared HttpLog, so the soak can tell whether the portal
// ever answered 5xx, whichever request it was.

export interface HttpProblem {
  method: string;
  path: string;
  status?: number;
  error?: string;
  snippet?: string;
}

/** Statuses of every request the customers sent, and each 5xx or failed request in detail. */
export class HttpLog {
  readonly statuses = new Map<number, number>();
  readonly problems: HttpProblem[] = [];

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  serverErrors(): number {
    return [...this.statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  }

  networkErrors(): number {
    return this.problems.filter((p) => p.error !== undefined).length;
  }
}

export function keepAliveAgent(connections: number): Agent {
  // Submits wait for the CA (latency, timeouts) on the server side; allow for that and more.
  return new Agent({ connections, keepAliveTimeout: 4_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export type ActionAnswer<T> = { kind: "result"; value: T } | { kind: "redirect"; location: string };

export class PortalClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly agent: Agent,
    private readonly log: HttpLog,
  ) {}

  private async send(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: string) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let answer: Answer;
    try {
      const response = await request(new URL(path, this.baseUrl), {
        method,
        dispatcher: this.agent,
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
        body,
      });
      answer = { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    } catch (error) {
      this.log.problems.push({ method, path, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    this.log.count(answer.status);
    if (answer.status >= 500) {
      this.log.problems.push({ method, path, status: answer.status, snippet: answer.text.slice(0, 300) });
    }
    this.keepCookies(answer.headers["set-cookie"]);
    return answer;
  }

  private keepCookies(header: string | string[] | undefined): void {
    for (const line of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.startsWith("authjs.session-token"));
  }

  /** Auth.js credentials sign-in, as a form without JavaScript would do it. */
  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.send("GET", "/api/auth/csrf", { accept: "application/json" });
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken?: string };
    if (!csrfToken) throw new Error(`no CSRF token (HTTP ${csrf.status})`);
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: `${this.baseUrl}/orders` });
    const answer = await this.send(
      "POST",
      "/api/auth/callback/credentials",
      { "content-type": "application/x-www-form-urlencoded" },
      form.toString(),
    );
    if (!this.hasSession()) throw new Error(`sign-in of ${email} failed (HTTP ${answer.status})`);
  }

  /**
   * The second step of signing in (staff always have one): an authenticator code posted to the
   * /two-factor page's action, which redirects once the session is fully signed in.
   */
  async passSecondFactor(actionId: string, code: string): Promise<void> {
    const answer = await this.action<{ message?: string }>("/two-factor", actionId, [undefined, { code }]);
    if (answer.kind !== "redirect")
      throw new Error(`second factor refused: ${answer.value.message ?? "no answer"}`);
  }

  /** A GET that must answer 200; returns the body. */
  async get(path: string): Promise<string> {
    const answer = await this.send("GET", path, {});
    if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}`);
    return answer.text;
  }

  /** Calls a server action the way the page at `page` would. */
  async action<T>(page: string, actionId: string, args: unknown[]): Promise<ActionAnswer<T>> {
    const answer = await this.send(
      "POST",
      page,
      {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: this.baseUrl,
      },
      encodeActionArgs(args),
    );
    const redirect = answer.headers["x-action-redirect"];
    if (typeof redirect === "string") return { kind: "redirect", location: redirect };
    if (answer.headers["x-nextjs-action-not-found"]) {
      throw new Error(`the portal does not know action ${actionId}: is it running another build than .next?`);
    }
    if (answer.status !== 200) throw new Error(`action on ${page}: HTTP ${answer.status}`);
    return { kind: "result", value: actionResultOf(answer.text) as T };
  }
}
