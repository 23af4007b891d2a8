// Telling "the database cannot be reached right now" (a 503 worth retrying) from other failures.
// Errors arrive wrapped: Prisma error → driver adapter error → pg or better-sqlite3 error.

/** Node socket errors, PostgreSQL connection/shutdown states, Prisma reachability codes. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300", // admin/crash shutdown, cannot connect now, too many connections
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_TIMEOUT",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Cannot use a pool after calling end|database is locked|Can't reach database server/i;

type Inspectable = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };

function* chain(error: unknown): Generator<Inspectable> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current) && seen.size < 10) {
    seen.add(current);
    yield current as Inspectable;
    current = (current as Inspectable).cause;
  }
}

/** True when the error means the database is down, restarting, overloaded or locked. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith("08"))) return true;
    if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** True for SQLite's "another process holds the write lock" (safe to retry the whole write). */
export function isSqliteBusy(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
    if (e.kind === "SocketTimeout" || e.code === "P1008") return true; // how Prisma's SQLite adapter reports SQLITE_BUSY
    if (typeof e.message === "string" && /SQLITE_BUSY|database is locked/.test(e.message)) return true;
  }
  return false;
}

/** True when a write was refused because a row it points to (a foreign key) does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    // Prisma's code on every provider; PostgreSQL's SQLSTATE; SQLite's extended code.
    if (e.code === "P2003" || e.code === "23503" || e.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return true;
    if (e.kind === "ForeignKeyConstraintViolation") return true;
  }
  return false;
}

/** True when a write was refused because another row holds the same unique key. */
export function isUniqueViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code === "P2002" || e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
      return true;
    if (e.kind === "UniqueConstraintViolation") return true;
  }
  return false;
}
