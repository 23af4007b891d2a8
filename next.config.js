// Next.js config. Packages that load native code, wasm or grammars at run time stay external.
// @ts-check
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
