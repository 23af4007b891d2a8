// Waiting out another SQLite connection's write lock without blocking the event loop.
import { isSqliteBusy } from "../db-errors";

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY, backing off 5, 10, 20 … 100 ms (about 5 s
 * in all). Safe because a statement or BEGIN that met the lock did nothing.
 */
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
