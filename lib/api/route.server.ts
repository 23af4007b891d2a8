// The one wrapper of every learner route: its checks, in one order.
import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { describeIssues } from "@/lib/schemas/issues";
import { isSameOrigin } from "@/lib/api/origin.server";
import { jsonError, rateLimited, readJsonBody, tooManyRequests, withErrors } from "@/lib/api/http.server";
import {
  clearLearnerCookie,
  isStoredLearner,
  mintLearner,
  readLearner,
  setLearnerCookie,
  takeNewLearner,
  withLearnerRow,
} from "@/lib/learner/learner.server";
import type { LimitName } from "@/lib/rate-limit.server";

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

export type LearnerContext<B, Q> = {
  request: NextRequest;
  /** On reads, possibly minted here (its cookie set on the answer). */
  learnerId: string;
  /** False for a learner minted by this read. */
  known: boolean;
  body: Input<B>;
  query: Input<Q>;
};

type Options<B, Q> = {
  /** "read" mints a learner if needed; "write" needs a signed cookie (401/400) and stores the row. */
  mode: "read" | "write";
  body?: B;
  query?: Q;
  /** In bytes (default 8 KiB); reading stops past it. */
  maxBytes?: number;
  /** Charged per IP and per learner before anything else is read. */
  limit?: { name: LimitName; tooMany: string };
};

function invalidLearnerCookie(message: string) {
  const response = jsonError(400, `Your learner cookie is not valid (${message}); it has been cleared. Reload the page, then retry.`);
  clearLearnerCookie(response);
  return response;
}

export function learnerRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: Options<B, Q>,
  handler: (context: LearnerContext<B, Q>) => Promise<NextResponse>,
) {
  return withErrors(async (request: NextRequest) => {
    let query: unknown = undefined;
    if (options.query) {
      const parsed = options.query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
      if (!parsed.success) return jsonError(400, `Invalid query: ${describeIssues(parsed.error)}`, parsed.error.issues);
      query = parsed.data;
    }

    const current = await readLearner(request);
    let learnerId: string;
    let minted: string | null = null;
    if (options.mode === "read") {
      if (current.kind === "known") learnerId = current.id;
      else ({ id: learnerId, cookie: minted } = await mintLearner());
    } else {
      if (!isSameOrigin(request)) return jsonError(403, "Writes are accepted only from this site's own pages.");
      if (current.kind === "invalid") return invalidLearnerCookie(current.message);
      if (current.kind === "none") return jsonError(401, "No learner cookie: reload the page so this browser gets one, then try again.");
      learnerId = current.id;
      if (options.limit) {
        const limited = await rateLimited(options.limit.name, request, learnerId, options.limit.tooMany);
        if (limited) return limited;
      }
      // Signed ids can still be collected: each first write creates a learner.
      if (!(await isStoredLearner(learnerId))) {
        const limit = await takeNewLearner(request);
        if (!limit.ok) return tooManyRequests("Too many new learners from your network", limit.retryAfterSeconds);
      }
    }

    let body: unknown = undefined;
    if (options.body) {
      const parsed = await readJsonBody(request, options.body, options.maxBytes);
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }

    const run = () => handler({ request, learnerId, known: minted === null, body: body as Input<B>, query: query as Input<Q> });
    const response = options.mode === "write" ? await withLearnerRow(learnerId, run) : await run();
    if (minted) setLearnerCookie(response, minted, request);
    return response;
  });
}
