// ESLint (flat config): Next's rules (core web vitals + TypeScript, which bring typescript-eslint,
// react, react-hooks and jsx-a11y), plus a few of our own. Formatting is Prettier's job
// (eslint-config-prettier turns off the rules it owns). `npm run lint`; CI runs it.
// @ts-check
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([".next/**", "generated/**", "public/runner/**", "public/lab/**", "next-env.d.ts", ".tmp/**", "bench/results/**"]),
  {
    // Jest's tests/ hold no React components: their `useBrowser()` is a jest helper, not a hook.
    files: ["tests/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // CommonJS config files (jest.config.js) load their dependencies with require().
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      // `_name` marks a value we destructure only to leave it out.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
]);
