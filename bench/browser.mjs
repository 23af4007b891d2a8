// Debian's Chromium as the benchmarks launch it: the same flags as the browser tests
// (tests/e2e/browser.ts), no sandbox, no GPU (WebGL runs on SwiftShader) and no background traffic.
// @ts-check
import { chromium } from "playwright-core";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
