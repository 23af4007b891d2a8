// Next.js config. Packages that load native code, wasm or grammars at run time stay external.

// Security headers for pages and API answers (see docs/decisions/0100-security-headers.md).
// Inline scripts: Next's App Router streams its data in inline <script>s, and nonces would make
// every page dynamic. 'wasm-unsafe-eval': tfjs's wasm backend. The runner's own files
// (/runner/*) carry their own restrictions, set with the runner frame.
const dev = process.env.NODE_ENV !== "production";
const PAGE_CSP = [
  "default-src 'self'",
  // 'unsafe-eval': the lab's worker (started from a blob, so it inherits this policy) runs tfjs's
  // wasm backend, which evaluates strings (found by the lab browser test).
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws:" : ""}`,
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: [
    "mdx-bundler",
    "esbuild",
    "shiki",
    "rehype-pretty-code",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // Pages and API answers: no framing anywhere, and the page CSP. Not the runner's files, and
        // not Next's static chunks: a worker takes its CSP from its script's response, and the lab
        // worker's tfjs wasm backend evaluates strings (the pages' worker-src still applies).
        source: "/((?!runner/|_next/static/).*)",
        headers: [
          { key: "Content-Security-Policy", value: PAGE_CSP },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // HSTS only where the browser came over HTTPS (a TLS proxy in front says so).
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
      {
        // The code runner's files are loaded by a sandboxed, opaque-origin frame and its worker:
        // the wasm binaries are fetched cross-origin and need CORS. They are public static files.
        source: "/runner/:path*",
        // (frame.html itself is a route that sets its own CSP: app/runner/frame.html/route.ts.)
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
