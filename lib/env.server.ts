// The server's parsed environment (see lib/env.ts for the rules), parsed once.
import "server-only";
import { parseEnv, type Env } from "./env";

let env: Env | undefined;

export function getEnv(): Env {
  env ??= parseEnv(process.env);
  return env;
}

/** For tests that change process.env between cases: the next getEnv() parses it again. */
export function resetEnvForTests() {
  env = undefined;
}
