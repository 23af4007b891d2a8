// One wrapper for every learner route: errors, the signed learner cookie, rate limits, and the
// query or body parsed with zod under a streamed size limit, in the same order everywhere.
import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { describeIssues } from "@/lib/schemas/issues";
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
  /** The learner's id. On reads, a new learner's id is minted here and its cookie set on the answer. */
  learnerId: string;
  /** False for a learner minted by this read (nothing stored for them yet). */
  known: boolean;
  body: Input<B>;
  query: Input<Q>;
};

type Options<B, Q> = {
  /**
   * "read": a missing or forged cookie gets a fresh signed learner (nothing is stored);
   * "write": the request must carry a cookie the server signed (401 without, 400 if forged), and
   * the handler runs with the learner's row stored (the one place that stores it).
   */
  mode: "read" | "write";
  body?: B;
  query?: Q;
  /** Largest body accepted, in bytes (default 8 KiB); reading stops past it. */
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
      if (current.kind === "invalid") return invalidLearnerCookie(current.message);
      if (current.kind === "none") return jsonError(401, "No learner cookie: reload the page so this browser gets one, then try again.");
      learnerId = current.id;
      if (options.limit) {
        const limited = await rateLimited(options.limit.name, request, learnerId, options.limit.tooMany);
        if (limited) return limited;
      }
      // Signed ids cannot be made up, but they can be collected: a first write creates a learner.
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
