// Group commit: jobs arriving during a flush share the next one (decision 0113).
import { invariant } from "./invariant";

export type GroupCommitOptions<J> = {
  /** Same key, never the same flush: the later job sees the earlier one's writes. */
  key: (job: J) => string;
  /** Largest group (a bound on one transaction's size). */
  maxGroup: number;
};

type Waiting<J, R> = { job: J; resolve: (result: R) => void; reject: (error: unknown) => void };

/** `flush` answers one result per job, in order; if it throws, the whole group fails. */
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
      // One turn, so the requests already received join this group.
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
  };
}
