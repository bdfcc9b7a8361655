import type { IncomingMessage } from "node:http";

export function clientAddressOf(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedHops: number,
): string;
export function setClientAddress(request: IncomingMessage, trustedHops: number): void;
export function trustedHopsFrom(value: string | undefined): number;
