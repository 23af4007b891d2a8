// Ask AI's optional language model; without one, answers come from the course text.
import "server-only";
import type { Env } from "@/lib/env";
import { getEnv } from "@/lib/env.server";

export type ModelConfig = { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; maxChars: number };

export function modelConfig(env: Env = getEnv()): ModelConfig | null {
  if (!env.ASK_MODEL_BASE_URL) return null;
  return {
    baseUrl: env.ASK_MODEL_BASE_URL.replace(/\/$/, ""),
    model: env.ASK_MODEL_NAME,
    apiKey: env.ASK_MODEL_API_KEY,
    timeoutMs: env.ASK_MODEL_TIMEOUT_MS,
    maxChars: env.ASK_MODEL_MAX_CHARS,
  };
}
