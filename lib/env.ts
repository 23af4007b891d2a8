// Environment variables, parsed once with zod; a bad value stops the server naming the variable.
import { z } from "zod";

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
    /** "1" when a reverse proxy in front sets X-Forwarded-For (see scripts/serve.mjs). */
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    /** Requests per minute per learner and per IP for feedback and other writes. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().max(10_000).default(10),
  })
  .transform((env, ctx) => {
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
