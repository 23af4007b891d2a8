// Environment variables, parsed once with zod; a bad value stops the server naming the variable.
import { z } from "zod";

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
    DATABASE_PROVIDER: z.enum(["sqlite", "postgresql"]).default("sqlite"),
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
      ctx.addIssue({ code: "custom", path: ["APP_ORIGIN"], message: "is required when RUNNER_ORIGIN is set (the runner obeys only pages from it)" });
      return z.NEVER;
    }
    if (env.RUNNER_ORIGIN && env.RUNNER_ORIGIN === env.APP_ORIGIN) {
      ctx.addIssue({ code: "custom", path: ["RUNNER_ORIGIN"], message: "must differ from APP_ORIGIN (leave it unset to serve the runner from the app's origin)" });
      return z.NEVER;
    }
    const url = env.DATABASE_URL ?? (env.DATABASE_PROVIDER === "sqlite" ? "file:./data/app.db" : undefined);
    if (!url) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required when DATABASE_PROVIDER=postgresql" });
      return z.NEVER;
    }
    const ok = env.DATABASE_PROVIDER === "sqlite" ? url.startsWith("file:") : /^postgres(ql)?:\/\//.test(url);
    if (!ok) {
      const expected = env.DATABASE_PROVIDER === "sqlite" ? "file:./path/to/db" : "postgresql://user@host:5432/db";
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: `must look like ${expected} for DATABASE_PROVIDER=${env.DATABASE_PROVIDER}` });
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
