import fs from "node:fs";
import { expectedKatexCss, katexCss, OUTPUT } from "./katex-css";

it("is up to date with the installed katex (run `npx tsx scripts/katex-css.ts` after an upgrade)", () => {
  // A verdict: the diff of a minified line would bury the message.
  expect(fs.readFileSync(OUTPUT, "utf8") === expectedKatexCss() ? "up to date" : "stale").toBe("up to date");
});

it("gives every @font-face font-display: swap and a woff2 source only", () => {
  const css = katexCss('@font-face{font-family:K;src:url(fonts/K.woff2) format("woff2"),url(fonts/K.woff) format("woff")}.katex{x:y}', "0");
  expect(css).toContain('@font-face{font-display:swap;font-family:K;src:url(../node_modules/katex/dist/fonts/K.woff2) format("woff2")}');
  expect(css).toContain(".katex{x:y}");
  expect(() => katexCss("@font-face{font-family:K;src:url(fonts/K.ttf)}", "0")).toThrow(/without woff2/);
});
