/** The compiled start script that `npm start` runs. */
export const START_BUNDLE: string;
/** A hash of every build input's path, size and modification time. */
export function sourceStamp(): string;
/** Builds the portal (next build, then the start bundle), whatever the stamp says. */
export function build(env?: NodeJS.ProcessEnv): Promise<void>;
/** Builds unless the existing build matches the sources. Resolves to whether it built. */
export function buildIfNeeded(env?: NodeJS.ProcessEnv): Promise<boolean>;
