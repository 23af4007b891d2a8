// Builds NextRequests for calling route handlers directly, as Next would.
import { NextRequest } from "next/server";
import { LEARNER_COOKIE } from "@/lib/learner/cookie";

type Options = { method?: string; body?: unknown; rawBody?: string; contentType?: string; learner?: string; headers?: Record<string, string> };

export function request(path: string, options: Options = {}) {
  const headers = new Headers(options.headers);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  if (options.learner !== undefined) headers.set("cookie", `${LEARNER_COOKIE}=${options.learner}`);
  return new NextRequest(new URL(path, "http://localhost:3000"), { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** The learner id a response sets, if any, and the cookie's attributes. */
export function learnerCookieOf(response: Response) {
  const header = response.headers.get("set-cookie") ?? "";
  const match = new RegExp(`${LEARNER_COOKIE}=([^;]*)`).exec(header);
  return { value: match?.[1], header };
}
