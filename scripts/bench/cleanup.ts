// Things to undo on the way out (a server process, a browser), also when the run is interrupted.

const tasks = new Set<() => Promise<void>>();

/** Registers a clean-up task; the returned function runs it now and unregisters it. */
export function onCleanup(task: () => Promise<void>): () => Promise<void> {
  tasks.add(task);
  return async () => {
    if (tasks.delete(task)) await task();
  };
}

/** Runs every registered task, newest first; never throws. */
export async function runCleanups(): Promise<void> {
  for (const task of [...tasks].reverse()) {
    tasks.delete(task);
    await task().catch((error: unknown) => console.error(`Clean-up failed: ${error}`));
  }
}
