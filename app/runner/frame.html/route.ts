// The code runner's sandbox frame, with the restrictions its response carries (see
// lib/runner/frame-policy.ts). Dynamic: the policy names the origin the request came to.
import { getEnv } from "@/lib/env.server";
import { frameResponse } from "@/lib/runner/frame-policy";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const env = getEnv();
  const response = frameResponse(new URL(request.url), { runnerOrigin: env.RUNNER_ORIGIN, appOrigin: env.APP_ORIGIN });
  if (response.kind === "redirect") return new Response(null, { status: 307, headers: { location: response.location, "cache-control": "no-store" } });
  return new Response(response.html, { status: 200, headers: response.headers });
}
