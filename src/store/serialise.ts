// In-process queue per store file (split from store.ts).

/** Updates of one file inside one process run one after another (the file lock is per process, not per call). */
const chains = new Map<string, Promise<unknown>>();

export function serialise<T>(key: string, job: () => Promise<T>): Promise<T> {
  const prev = chains.get(key) ?? Promise.resolve();
  const next = prev.then(job, job);
  const tail = next.catch(() => {});
  chains.set(key, tail);
  void tail.then(() => {
    if (chains.get(key) === tail) chains.delete(key);
  });
  return next;
}
