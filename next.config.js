// Next.js config. Packages that load native code, wasm or grammars at run time stay external.
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
};

module.exports = nextConfig;
