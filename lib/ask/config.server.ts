// The optional language model for Ask AI, from the environment (read per request: cheap, and
// tests can switch it). Unset base URL: answers come from the course text only.
import "server-only";
import { z } from "zod";

const schema = z.object({
  ASK_MODEL_BASE_URL: z.url({ message: "must be a URL like http://127.0.0.1:8080/v1" }).optional(),
  ASK_MODEL_NAME: z.string().min(1).default("local-model"),
  ASK_MODEL_API_KEY: z.string().min(1).optional(),
  ASK_MODEL_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(20_000),
  ASK_MODEL_MAX_CHARS: z.coerce.number().int().min(200).max(20_000).default(4_000),
});

export type ModelConfig = { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; maxChars: number };

export function modelConfig(env: Record<string, string | undefined> = process.env): ModelConfig | null {
  const parsed = schema.safeParse({ ...env, ASK_MODEL_BASE_URL: env.ASK_MODEL_BASE_URL || undefined });
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  if (!e.ASK_MODEL_BASE_URL) return null;
  return { baseUrl: e.ASK_MODEL_BASE_URL.replace(/\/$/, ""), model: e.ASK_MODEL_NAME, apiKey: e.ASK_MODEL_API_KEY, timeoutMs: e.ASK_MODEL_TIMEOUT_MS, maxChars: e.ASK_MODEL_MAX_CHARS };
}
