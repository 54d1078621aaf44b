/**
 * Runs async work over items with at most `concurrency` at a time. The first failure stops new
 * work; work already started finishes (its results are saved), then the failure is thrown.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined) {
      const item = queue.shift();
      if (item === undefined) return;
      try {
        await worker(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, lane));
  if (failure) throw failure.error;
}
