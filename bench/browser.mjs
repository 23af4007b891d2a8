// Debian's Chromium as the benchmarks and the browser tests (tests/e2e/browser.ts) launch it: no
// sandbox, no GPU (WebGL runs on SwiftShader) and no background traffic.
// @ts-check
import { chromium } from "playwright-core";

/** Where Debian installs Chromium (CHROMIUM_PATH overrides it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** The command-line flags every benchmark's and browser test's Chromium gets (Playwright's and Lighthouse's). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
