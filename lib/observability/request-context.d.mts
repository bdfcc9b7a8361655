export function requestIdFor(incoming: string | string[] | undefined, trustProxy: boolean): string;
export function runWithRequestId<T>(requestId: string, work: () => T): T;
export function currentRequestId(): string | undefined;
