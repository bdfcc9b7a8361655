export function requestIdFor(incoming: string | string[] | undefined, trustProxy: boolean): string;
export function runWithRequestId<T>(requestId: string, work: () => T): T;
export function currentRequestId(): string | undefined;
export function runForOrder<T>(orderId: string, work: () => T): T;
export function currentOrderId(): string | undefined;
export function runWithApiKey<T>(apiKeyId: string, work: () => T): T;
export function currentApiKeyId(): string | undefined;
