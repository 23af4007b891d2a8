// Every environment variable the app, its scripts and its configs read: one zod schema, parsed once
// at start-up (instrumentation.ts, scripts/serve.mjs); a bad value stops the server naming it.
// scripts/serve.mjs, scripts/start.mjs, prisma.config.ts and jest.config.js import from here.
import { z } from "zod";

/** Defaults that configs outside the app need too (prisma.config.ts, jest.config.js). */
export const ENV_DEFAULTS = {
  DATABASE_PROVIDER: "sqlite",
  SQLITE_URL: "file:./data/app.db",
  PORT: 3000,
  HOST: "0.0.0.0",
  CONTENT_DIRS: "content",
} as const;

/** The schema folder (prisma/<folder>/) and migrations of a provider. */
export const prismaFolder = (provider: "sqlite" | "postgresql") => (provider === "postgresql" ? "postgres" : "sqlite");

/** A per-minute limit: a positive whole number (large values for load tests). */
const perMinute = (fallback: number) => z.coerce.number().int().positive().max(10_000_000).default(fallback);

/** An origin such as https://runner.example.org (scheme, host, optional port; nothing else). */
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
    /** Secret for the authors' report. Unset: the report is disabled (no default on purpose). */
    AUTHOR_TOKEN: z
      .string()
      .min(16, "must be at least 16 characters (it guards the authors' report)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Key that signs learner ids (and derives their choice orders). Unset: the server generates
     * one and keeps it in the database, shared by every process. Set it to rotate (all learner
     * cookies then become new learners).
     */
    LEARNER_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (it signs learner cookies)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Progress writes (mark read, cell runs) per minute, per learner and per IP. */
    PROGRESS_RATE_LIMIT_PER_MINUTE: perMinute(120),
    /** "1" when a reverse proxy in front sets X-Forwarded-For (see scripts/serve.mjs). */
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    /** Feedback and Ask AI writes per minute, per learner and per IP (shared by all processes). */
    RATE_LIMIT_PER_MINUTE: perMinute(10),
    /** Quiz submissions per minute, per learner and per IP. */
    QUIZ_RATE_LIMIT_PER_MINUTE: perMinute(30),
    /** New learners (first write with no stored learner) per minute per IP. */
    NEW_LEARNERS_PER_MINUTE: perMinute(30),
    /** Author sign-ins and wrong Bearer tokens per minute per IP (token guessing). */
    AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE: perMinute(5),
    /** App processes `npm start` runs on one port (Node's cluster). */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** PostgreSQL connections per app process. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Structured (JSON) log level; "silent" turns logs off. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
    /** On SIGTERM: how long in-flight requests may take before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    /** How long a client may take to send a whole request (headers: at most 10 s of it). */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    /** Open connections per process; more are refused at once. */
    MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(2_000),
    /** Folders holding courses (`<dir>/courses/<course>/`), comma-separated; the tests add a
     *  fixture folder. Read by the build (pages, runner, Ask AI index) and the running app. */
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
    /** Where `npm start` (scripts/serve.mjs) listens. */
    PORT: z.coerce.number().int().min(0).max(65_535).default(ENV_DEFAULTS.PORT),
    HOST: z.string().trim().min(1).default(ENV_DEFAULTS.HOST),
    /** Ask AI's optional model (OpenAI-compatible). Unset or empty: answers from the course text. */
    ASK_MODEL_BASE_URL: z
      .url({ protocol: /^https?$/, message: "must be a URL like http://127.0.0.1:8080/v1" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    ASK_MODEL_NAME: z.string().min(1).default("local-model"),
    ASK_MODEL_API_KEY: z.string().min(1).optional(),
    /** Give up on a silent model after this long (then answer from the course text). */
    ASK_MODEL_TIMEOUT_MS: z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int()
      .min(500)
      .max(120_000)
      .default(20_000),
    /** Cap on the characters of one model answer. */
    ASK_MODEL_MAX_CHARS: z.coerce.number().int().min(200).max(20_000).default(4_000),
    /**
     * Where the code runner's frame is served from. Unset: the app's own origin. Another site
     * (e.g. https://lbr-runner.example.net, pointing at this same server) gives the runner its
     * own browser process. See docs/decisions/0108-runner-origin.md.
     */
    RUNNER_ORIGIN: z.preprocess((v) => (v === "" ? undefined : v), origin.optional()),
    /** The app's public origin: required with RUNNER_ORIGIN (the only page the runner obeys). */
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

/** parseEnv for the server scripts: a bad value ends the process with the message naming it. */
export function parseEnvOrExit(source: Record<string, string | undefined>): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
