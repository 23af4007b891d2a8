// The runner's sandbox frame; its policy names the Host header's origin (request.url names Next's own host).
import { getEnv } from "@/lib/env.server";
import { frameResponse } from "@/lib/runner/frame-policy";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const env = getEnv();
  const host = request.headers.get("host") ?? "";
  const proto = request.headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  // host[:port] only: nothing that could end the CSP source.
  if (!/^[a-z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)) {
    return new Response("Bad Host header.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const url = new URL(`${proto}://${host}/runner/frame.html`);
  const response = frameResponse(url, { runnerOrigin: env.RUNNER_ORIGIN, appOrigin: env.APP_ORIGIN });
  if (response.kind === "redirect")
    return new Response(null, { status: 307, headers: { location: response.location, "cache-control": "no-store" } });
  return new Response(response.html, { status: 200, headers: response.headers });
}
