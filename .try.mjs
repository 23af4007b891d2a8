import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
const p = await b.newPage({ viewport: { width: 1300, height: 1000 } });
p.on("console", (m) => console.log("PAGE:", m.text()));
p.on("pageerror", (e) => console.log("PAGEERR:", e.message));
await p.goto("http://localhost:3111/courses/optimization-regularization/regularization-techniques/dropout" + (process.argv[2] ?? ""));
for (const id of ["train-vs-eval", "inverted-dropout", "from-scratch", "exercise"]) {
  const cell = p.locator(`[data-cell-id="${id}"]`);
  await cell.scrollIntoViewIfNeeded();
  const t0 = Date.now();
  await cell.getByRole("button", { name: "Run" }).click();
  await cell.locator(".cell-meta").waitFor({ timeout: 30000 });
  console.log(`== ${id} (${Date.now() - t0} ms)`);
  console.log(await cell.getByRole("log", { name: "Output" }).innerText());
}
await p.locator('[data-cell-id="train-vs-eval"]').screenshot({ path: "/tmp/cell.png" });
await b.close();
