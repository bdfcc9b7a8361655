import type { IncomingMessage, ServerResponse } from "node:http";
import type { Counter, Histogram, Registry } from "prom-client";

export type PortalMetrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  sectigoCalls: Counter<"endpoint" | "outcome">;
  sectigoDuration: Histogram<"endpoint" | "outcome">;
  gauges: boolean;
  routes: { page: string; regex: RegExp }[] | undefined;
};

export function labelByRoutesManifest(manifest: {
  staticRoutes?: { page: string; regex: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}): void;

export function portalMetrics(): PortalMetrics;
export function routeLabel(pathname: string, status: number): string;
export function observeHttp(request: IncomingMessage, response: ServerResponse): void;
export function observeSectigoCall(endpoint: string, outcome: string, seconds: number): void;
