// Builds NextRequests for calling route handlers directly, as Next would.
import { NextRequest } from "next/server";
import { LEARNER_COOKIE } from "@/lib/learner/cookie";
import { signLearnerId } from "@/lib/learner/sign";

/** The learner key integration tests run with (set in db-per-file.ts). */
export const TEST_LEARNER_SECRET = "integration-test-learner-secret-0123456789";

/** The cookie value the server would have issued for `id`. */
export const signed = (id: string) => signLearnerId(Buffer.from(TEST_LEARNER_SECRET, "utf8"), id);

type Options = {
  method?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** A learner id: sent as the signed cookie the server issues. */
  learner?: string;
  /** A cookie value sent as is (forged or malformed cookies). */
  rawLearner?: string;
  headers?: Record<string, string>;
};

export function request(path: string, options: Options = {}) {
  const headers = new Headers(options.headers);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  if (options.learner !== undefined) headers.set("cookie", `${LEARNER_COOKIE}=${options.learner === "" ? "" : signed(options.learner)}`);
  if (options.rawLearner !== undefined) headers.set("cookie", `${LEARNER_COOKIE}=${options.rawLearner}`);
  return new NextRequest(new URL(path, "http://localhost:3000"), { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** The learner id a response sets, if any, and the cookie's attributes. */
export function learnerCookieOf(response: Response) {
  const header = response.headers.get("set-cookie") ?? "";
  const match = new RegExp(`${LEARNER_COOKIE}=([^;]*)`).exec(header);
  return { value: match?.[1], header };
}
