// Group commit: jobs that arrive while a flush is running (or in the same turn of the event loop)
// are handled together by the next flush, so concurrent requests share one read and one
// transaction instead of each paying for their own (pure scheduling; the caller does the I/O).
import { invariant } from "./invariant";

export type GroupCommitOptions<J> = {
  /** Jobs with the same key never share a flush: the later one sees the earlier one's writes. */
  key: (job: J) => string;
  /** Largest group (a bound on one transaction's size). */
  maxGroup: number;
};

type Waiting<J, R> = { job: J; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * `flush` gets a group of jobs and answers one result per job, in order; if it throws, every job
 * of that group fails with its error. One flush runs at a time.
 */
export function groupCommit<J, R>(flush: (jobs: J[]) => Promise<R[]>, { key, maxGroup }: GroupCommitOptions<J>) {
  let waiting: Waiting<J, R>[] = [];
  let draining = false;

  async function drain() {
    draining = true;
    try {
      while (waiting.length) {
        const group: Waiting<J, R>[] = [];
        const later: Waiting<J, R>[] = [];
        const keys = new Set<string>();
        for (const item of waiting) {
          const k = key(item.job);
          if (keys.has(k) || group.length >= maxGroup) later.push(item);
          else {
            keys.add(k);
            group.push(item);
          }
        }
        waiting = later;
        try {
          const results = await flush(group.map((g) => g.job));
          invariant(results.length === group.length, `flush answered ${results.length} results for ${group.length} jobs`);
          group.forEach((g, i) => g.resolve(results[i]!));
        } catch (error) {
          group.forEach((g) => g.reject(error));
        }
      }
    } finally {
      draining = false;
    }
  }

  return function submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      // Wait one turn, so the requests already received queue up behind this one.
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
  };
}
