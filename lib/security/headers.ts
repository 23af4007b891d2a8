// Security headers for each response, decided per request at run time by scripts/serve.mjs
// (pure; see docs/decisions/0112-security-headers-at-run-time.md). Next's own `headers()` are
// frozen at build time, and the pages' frame-src must name RUNNER_ORIGIN as set when serving.

export type SecurityOptions = {
  /** The runner's own origin (RUNNER_ORIGIN), when it has one. */
  runnerOrigin?: string;
  /** The request came through a TLS proxy (`X-Forwarded-Proto: https`). */
  https?: boolean;
  /** `npm run dev`: React's development build needs eval (its stack traces); never in production. */
  dev?: boolean;
};

/** The runner frame sets its own CSP (sandbox, frame-ancestors the app): nothing of ours may precede it. */
export const RUNNER_FRAME_PATH = "/runner/frame.html";

/**
 * The pages' policy (also on API answers and 404s). Inline scripts: Next's App Router streams its
 * data in inline <script>s, and nonces would make every page dynamic. 'wasm-unsafe-eval' without
 * 'unsafe-eval': the lab worker (/lab/worker.js, same origin, so this policy is its own) compiles
 * tfjs's wasm backend; nothing of ours evaluates strings outside the runner frame.
 */
export function pageCsp({ runnerOrigin, dev }: Pick<SecurityOptions, "runnerOrigin" | "dev">): string {
  // The page frames /runner/frame.html, which redirects to RUNNER_ORIGIN when that is set.
  const frames = runnerOrigin ? `'self' ${runnerOrigin}` : "'self'";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline' ${dev ? "'unsafe-eval'" : "'wasm-unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    `frame-src ${frames}`,
    `child-src ${frames}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For assets that are not documents (Next's chunks): no framing, nothing else restricted. */
const NO_FRAMING = "frame-ancestors 'none'";

/** The headers to set before Next answers `pathname` (lower-case names). */
export function securityHeaders(pathname: string, options: SecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  // Next does not replace a header set before it answers: the frame's route sends its own CSP,
  // nosniff and Referrer-Policy, so none of ours may be set first.
  if (pathname === RUNNER_FRAME_PATH) return headers;
  headers["x-content-type-options"] = "nosniff";
  headers["referrer-policy"] = "strict-origin-when-cross-origin";
  if (pathname.startsWith("/runner/") || pathname.startsWith("/_next/static/")) {
    headers["content-security-policy"] = NO_FRAMING;
    return headers;
  }
  headers["content-security-policy"] = pageCsp(options);
  headers["x-frame-options"] = "DENY";
  return headers;
}
