// Security headers per request, as Next's `headers()` are frozen at build (decision 0112).

export type SecurityOptions = {
  runnerOrigin?: string;
  /** `X-Forwarded-Proto: https` from a TLS proxy. */
  https?: boolean;
  /** `npm run dev`: React's development build needs eval. */
  dev?: boolean;
};

/** The runner frame sets its own CSP: nothing of ours may precede it. */
export const RUNNER_FRAME_PATH = "/runner/frame.html";

/**
 * Inline scripts: Next streams its data in them, and nonces would make every page dynamic.
 * 'wasm-unsafe-eval': course figure workers (same origin) compile tfjs's wasm backend.
 */
export function pageCsp({ runnerOrigin, dev }: Pick<SecurityOptions, "runnerOrigin" | "dev">): string {
  // /runner/frame.html redirects to RUNNER_ORIGIN when that is set.
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

/** For assets that are not documents (Next's chunks). */
const NO_FRAMING = "frame-ancestors 'none'";

/** Lower-case names. */
export function securityHeaders(pathname: string, options: SecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  // Next does not replace a header set before it answers, and the frame's route sends its own.
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
