// Which database errors mean "unreachable right now" (503, decision 0143).

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

// Prisma error → adapter error → driver error, through `cause`.
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

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith("08"))) return true;
    if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Another connection holds SQLite's write lock. */
export function isSqliteBusy(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
    if (e.kind === "SocketTimeout" || e.code === "P1008") return true; // how Prisma's SQLite adapter reports SQLITE_BUSY
    if (typeof e.message === "string" && /SQLITE_BUSY|database is locked/.test(e.message)) return true;
  }
  return false;
}

export function isForeignKeyViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code === "P2003" || e.code === "23503" || e.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return true;
    if (e.kind === "ForeignKeyConstraintViolation") return true;
  }
  return false;
}

export function isUniqueViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code === "P2002" || e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY")
      return true;
    if (e.kind === "UniqueConstraintViolation") return true;
  }
  return false;
}
