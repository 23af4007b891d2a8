// Helpers for JSON route handlers: limited, zod-parsed bodies and uniform errors.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { getChapterById } from "@/lib/content/course.server";
import type { Chapter } from "@/lib/content/load";
import { describeIssues } from "@/lib/schemas/issues";
import { readLimitedText } from "./body.server";
import { clientIp } from "@/lib/client-ip";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { log } from "@/lib/log.server";
import { take, type LimitName } from "@/lib/rate-limit.server";

export function jsonError(status: number, error: string, details?: unknown) {
  return NextResponse.json(details === undefined ? { error } : { error, details }, {
    status,
    headers: { "cache-control": "no-store" },
  });
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: NextResponse };

export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = 8 * 1024): Promise<Parsed<z.infer<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    return { ok: false, response: jsonError(415, "Send the body as JSON (Content-Type: application/json).") };
  }
  const body = await readLimitedText(request, maxBytes);
  if (!body.ok) return { ok: false, response: jsonError(body.status, body.error) };
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return { ok: false, response: jsonError(400, "Body is not valid JSON.") };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return { ok: false, response: jsonError(400, `Invalid request: ${describeIssues(result.error)}`, result.error.issues) };
  }
  return { ok: true, data: result.data };
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable() {
  const response = jsonError(503, "The course database is unavailable for a moment; nothing was saved. Please try again in a few seconds.");
  response.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
  return response;
}

/** Exceptions become 503 (database unreachable) or 500, logged, without leaking internals. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      unstable_rethrow(error); // notFound(), redirect(): Next's own control flow, not failures
      const request = args[0] instanceof Request ? args[0] : null;
      const requestId = request?.headers.get("x-request-id") ?? null;
      // The client went away while its body was read: nothing failed.
      if (request?.signal.aborted || (error instanceof Error && error.message === "aborted")) {
        log.info({ requestId }, "client closed the request");
        return jsonError(400, "The request was cancelled by the client.");
      }
      if (isDatabaseUnavailable(error)) {
        log.warn({ requestId, err: error }, "database unavailable");
        return databaseUnavailable();
      }
      log.error({ requestId, err: error }, "unexpected error");
      return jsonError(500, "Something went wrong on our side. Please try again.");
    }
  };
}

/** 409 when the chapter changed since the page was loaded: what is stored must match what they read. */
export function chapterAsSeen(chapterId: string, revision: string): { ok: true; chapter: Chapter } | { ok: false; response: NextResponse } {
  const chapter = getChapterById(chapterId);
  if (!chapter) return { ok: false, response: jsonError(404, `Unknown chapter "${chapterId}".`) };
  if (chapter.revision !== revision) {
    return { ok: false, response: jsonError(409, "This chapter was updated since you opened it. Reload the page and try again.") };
  }
  return { ok: true, chapter };
}

/** Charges the client's IP and learner; a 429 when either is over the limit, else null. */
export async function rateLimited(
  limit: LimitName,
  request: NextRequest,
  learnerId: string | null,
  tooMany: string,
): Promise<NextResponse | null> {
  const result = await take(limit, [`ip:${clientIp(request.headers)}`, ...(learnerId ? [`learner:${learnerId}`] : [])]);
  return result.ok ? null : tooManyRequests(tooMany, result.retryAfterSeconds);
}

export function tooManyRequests(tooMany: string, retryAfterSeconds: number) {
  const response = jsonError(429, `${tooMany}. Please wait ${retryAfterSeconds} seconds and try again.`);
  response.headers.set("retry-after", String(retryAfterSeconds));
  return response;
}
