// The runner frame's response and CSP, per request (decision 0105).
export type RunnerOrigins = { runnerOrigin?: string; appOrigin?: string };

export type FrameResponse = { kind: "redirect"; location: string } | { kind: "frame"; html: string; headers: Record<string, string> };

const FRAME_PATH = "/runner/frame.html";

const attribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Opaque origin however embedded; framed only by the app; network limited to the runner's files (Blob workers inherit it). */
export function frameResponse(requestUrl: URL, { runnerOrigin, appOrigin }: RunnerOrigins): FrameResponse {
  if (runnerOrigin && new URL(runnerOrigin).host !== requestUrl.host) {
    return { kind: "redirect", location: runnerOrigin + FRAME_PATH };
  }
  const own = runnerOrigin ?? requestUrl.origin;
  // "self", not the request's origin: behind a TLS-terminating proxy the request may say http:.
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
    // Preloads in CORS mode, matching the frame's fetch for Blob URLs.
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
