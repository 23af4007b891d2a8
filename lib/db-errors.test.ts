// Which failures count as "database unavailable" (503, retry) and which stay real errors (500).
import { isDatabaseUnavailable, isSqliteBusy } from "./db-errors";

const wrap = (inner: object) => Object.assign(new Error("Invalid `prisma.feedback.upsert()` invocation"), { code: "P2010", cause: inner });

it.each([
  [
    "a refused connection deep in the cause chain",
    wrap({
      kind: "DatabaseNotReachable",
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    }),
  ],
  ["PostgreSQL shutting down", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
  ["PostgreSQL still starting", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
  ["a pool connect timeout", new Error("timeout exceeded when trying to connect")],
  ["a dropped connection", new Error("Connection terminated unexpectedly")],
  ["Prisma's 'can't reach'", Object.assign(new Error("x"), { code: "P1001" })],
  ["SQLite busy", Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" })],
])("%s is unavailable", (_name, error) => {
  expect(isDatabaseUnavailable(error)).toBe(true);
});

it.each([
  ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
  ["a programming error", new TypeError("Cannot read properties of undefined")],
  ["a syntax error from the database", Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" })],
  ["nothing", undefined],
])("%s is not", (_name, error) => {
  expect(isDatabaseUnavailable(error)).toBe(false);
});

it("recognises SQLite's busy error however it is wrapped, and nothing else", () => {
  expect(isSqliteBusy(wrap({ kind: "SocketTimeout" }))).toBe(true);
  expect(isSqliteBusy(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_SNAPSHOT" }))).toBe(true);
  expect(isSqliteBusy(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(false);
});

it("does not loop on a cyclic cause", () => {
  const a: Error & { cause?: unknown } = new Error("a");
  a.cause = a;
  expect(isDatabaseUnavailable(a)).toBe(false);
});
