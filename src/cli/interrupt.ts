/**
 * Ctrl-C. By default the process stops at once with exit 130. A command that writes (an apply)
 * asks for a graceful stop instead: the first Ctrl-C aborts its signal, so writes in flight finish
 * and are journaled; a second one stops at once.
 */
let graceful: AbortController | undefined;

export function installInterruptHandler(onStop: () => void): void {
  process.on('SIGINT', () => {
    if (graceful && !graceful.signal.aborted) {
      process.stderr.write('\ngluekit: stopping after the writes in flight (Ctrl-C again to stop now)\n');
      graceful.abort();
      return;
    }
    onStop();
  });
}

/** Runs `task` with a signal that the first Ctrl-C aborts. */
export async function withGracefulInterrupt<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  graceful = controller;
  try {
    return await task(controller.signal);
  } finally {
    graceful = undefined;
  }
}
