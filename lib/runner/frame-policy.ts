// The runner frame's response, decided per request: the page that hosts the sandbox, carrying
// its own restrictions (the frame is only as safe as its response, not as its embedder's
// iframe attributes). Pure; served by app/runner/frame.html/route.ts.
export type RunnerOrigins = { runnerOrigin?: string; appOrigin?: string };

export type FrameResponse = { kind: "redirect"; location: string } | { kind: "frame"; html: string; headers: Record<string, string> };

const FRAME_PATH = "/runner/frame.html";

const attribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * - `sandbox allow-scripts`: an opaque origin even when a page frames it without a sandbox
 *   attribute (or opens it on its own): no cookies, storage or same-origin requests as the app.
 * - `frame-ancestors`: only the app may frame it (the app's own origin, or APP_ORIGIN when the
 *   runner has an origin of its own).
 * - scripts and network: the runner's own files only (`/runner/` on the runner's origin), plus
 *   Blob URLs for the worker it builds from them. A Blob worker inherits this policy, so learner
 *   code can neither fetch, open sockets nor import scripts from anywhere else.
 *   'unsafe-eval' runs the cell (a Function), 'wasm-unsafe-eval' the wasm backend.
 */
export function frameResponse(requestUrl: URL, { runnerOrigin, appOrigin }: RunnerOrigins): FrameResponse {
  if (runnerOrigin && new URL(runnerOrigin).host !== requestUrl.host) {
    return { kind: "redirect", location: runnerOrigin + FRAME_PATH };
  }
  const own = runnerOrigin ?? requestUrl.origin;
  // Same origin: the frame compares with its own URL's origin ("self"), which stays right
  // behind a proxy that terminates TLS (the request here may say http: for an https: page).
  const parent = runnerOrigin ? appOrigin! : "self";
  const files = `${own}/runner/`;
  const policy = [
    "sandbox allow-scripts",
    "default-src 'none'",
    `script-src ${files} blob: 'unsafe-eval' 'wasm-unsafe-eval'`,
    "worker-src blob:",
    `connect-src ${files}`,
    `frame-ancestors ${runnerOrigin ? appOrigin : "'self'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="lbr-parent-origin" content="${attribute(parent)}"><title>Code runner</title>` +
    // The worker's scripts start downloading with this page, not after frame.js has run (the
    // frame fetches them in CORS mode to make Blob URLs: the preloads match that request).
    `<link rel="preload" href="tf.min.js" as="fetch" crossorigin="anonymous">` +
    `<link rel="preload" href="runtime.js" as="fetch" crossorigin="anonymous"></head>` +
    `<body><script src="frame.js"></script></body></html>\n`;
  return {
    kind: "frame",
    html,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": policy,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
  };
}
