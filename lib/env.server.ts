// The server's parsed environment (see lib/env.ts for the rules).
import "server-only";
import { parseEnv, type Env } from "./env";

let env: Env | undefined;

export function getEnv(): Env {
  env ??= parseEnv(process.env);
  return env;
}
