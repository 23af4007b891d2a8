// Every environment variable the app, scripts and configs read (decision 0164).
import { z } from "zod";

/** Defaults that configs outside the app need too. */
export const ENV_DEFAULTS = {
  DATABASE_PROVIDER: "sqlite",
  SQLITE_URL: "file:./data/app.db",
  PORT: 3000,
  HOST: "0.0.0.0",
  CONTENT_DIRS: "content",
} as const;

export const prismaFolder = (provider: "sqlite" | "postgresql") => (provider === "postgresql" ? "postgres" : "sqlite");

const perMinute = (fallback: number) => z.coerce.number().int().positive().max(10_000_000).default(fallback);

const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "must be an origin like https://runner.example.org (scheme and host, no path)")
  .transform((value) => new URL(value).origin);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PROVIDER: z.enum(["sqlite", "postgresql"]).default(ENV_DEFAULTS.DATABASE_PROVIDER),
    DATABASE_URL: z.string().trim().min(1).optional(),
    /** Unset: the authors' report is disabled (no default on purpose). */
    AUTHOR_TOKEN: z
      .string()
      .min(16, "must be at least 16 characters (it guards the authors' report)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Unset: generated and kept in the database. Changing it makes every learner new. */
    LEARNER_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (it signs learner cookies)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    PROGRESS_RATE_LIMIT_PER_MINUTE: perMinute(120),
    /** "1" when a reverse proxy in front sets X-Forwarded-For. */
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    /** Feedback and Ask AI writes per minute, per learner and per IP. */
    RATE_LIMIT_PER_MINUTE: perMinute(10),
    QUIZ_RATE_LIMIT_PER_MINUTE: perMinute(30),
    NEW_LEARNERS_PER_MINUTE: perMinute(30),
    /** Sign-ins and wrong Bearer tokens per IP. */
    AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE: perMinute(5),
    /** Passkey ceremonies (create, sign in, add) per address. */
    SIGN_IN_ATTEMPTS_PER_MINUTE: perMinute(20),
    /** App processes on one port (Node's cluster). */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
    /** On SIGTERM, the most in-flight requests may take. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    /** To send a whole request (headers: at most 10 s of it). */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(2_000),
    /** Comma-separated folders holding `courses/<course>/`. */
    CONTENT_DIRS: z
      .string()
      .default(ENV_DEFAULTS.CONTENT_DIRS)
      .transform((v) =>
        v
          .split(",")
          .map((d) => d.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string()).min(1, "must name at least one folder")),
    PORT: z.coerce.number().int().min(0).max(65_535).default(ENV_DEFAULTS.PORT),
    HOST: z.string().trim().min(1).default(ENV_DEFAULTS.HOST),
    ASK_MODEL_BASE_URL: z
      .url({ protocol: /^https?$/, message: "must be a URL like http://127.0.0.1:8080/v1" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    ASK_MODEL_NAME: z.string().min(1).default("local-model"),
    ASK_MODEL_API_KEY: z.string().min(1).optional(),
    ASK_MODEL_TIMEOUT_MS: z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int()
      .min(500)
      .max(120_000)
      .default(20_000),
    ASK_MODEL_MAX_CHARS: z.coerce.number().int().min(200).max(20_000).default(4_000),
    /** Where the runner frame is served from (decision 0108); unset: the app's origin. */
    RUNNER_ORIGIN: z.preprocess((v) => (v === "" ? undefined : v), origin.optional()),
    APP_ORIGIN: z.preprocess((v) => (v === "" ? undefined : v), origin.optional()),
  })
  .transform((env, ctx) => {
    if (env.RUNNER_ORIGIN && !env.APP_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_ORIGIN"],
        message: "is required when RUNNER_ORIGIN is set (the runner obeys only pages from it)",
      });
      return z.NEVER;
    }
    if (env.RUNNER_ORIGIN && env.RUNNER_ORIGIN === env.APP_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["RUNNER_ORIGIN"],
        message: "must differ from APP_ORIGIN (leave it unset to serve the runner from the app's origin)",
      });
      return z.NEVER;
    }
    const url = env.DATABASE_URL ?? (env.DATABASE_PROVIDER === "sqlite" ? ENV_DEFAULTS.SQLITE_URL : undefined);
    if (!url) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required when DATABASE_PROVIDER=postgresql" });
      return z.NEVER;
    }
    const ok = env.DATABASE_PROVIDER === "sqlite" ? url.startsWith("file:") : /^postgres(ql)?:\/\//.test(url);
    if (!ok) {
      const expected = env.DATABASE_PROVIDER === "sqlite" ? "file:./path/to/db" : "postgresql://user@host:5432/db";
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: `must look like ${expected} for DATABASE_PROVIDER=${env.DATABASE_PROVIDER}`,
      });
      return z.NEVER;
    }
    return { ...env, DATABASE_URL: url };
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function parseEnvOrExit(source: Record<string, string | undefined>): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
