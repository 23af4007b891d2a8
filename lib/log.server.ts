// JSON log lines (pino) for route handlers and the database layer.
import "server-only";
import pino from "pino";
import { getEnv } from "./env.server";

const env = getEnv();
export const log = pino({
  level: process.env.LOG_LEVEL === undefined && env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { pid: process.pid },
});
