// Waiting out SQLite's write lock without blocking (decision 0141).
import { isSqliteBusy } from "../db-errors";

/** Retries on SQLITE_BUSY (~5 s): a statement or BEGIN that met the lock did nothing. */
export async function whileBusy<T>(attempt: () => Promise<T>, attempts = 60): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= attempts || !isSqliteBusy(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.min(100, 5 * 2 ** (i - 1)) * (0.5 + Math.random())));
    }
  }
}
