// Packages that load native code, wasm or grammars at run time stay external.
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
        // Fetched by the opaque-origin runner frame, so cross-origin: public files with CORS.
        source: "/runner/:path*",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
