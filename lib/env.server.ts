// The server's environment, parsed once.
import "server-only";
import { parseEnv, type Env } from "./env";

let env: Env | undefined;

export function getEnv(): Env {
  env ??= parseEnv(process.env);
  return env;
}

export function resetEnvForTests() {
  env = undefined;
}
