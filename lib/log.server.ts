// The server's structured logger: JSON lines on stdout (pino). Request lines come from
// scripts/serve.mjs; this one is for what route handlers and the database layer report.
import "server-only";
import pino from "pino";
import { getEnv } from "./env.server";

const env = getEnv();
export const log = pino({
  level: process.env.LOG_LEVEL === undefined && env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { pid: process.pid },
});
