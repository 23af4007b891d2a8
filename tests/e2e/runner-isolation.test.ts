// The code runner under attack, in real Chromium: a foreign page framing or opening the runner,
// learner code reaching for the network, state left for the next run, forged messages, a cell
// that eats memory and one that floods the page. Each must fail safely.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { baseURL, cellAt, cellOutput, DROPOUT, editCell, newPage, openPage, runCell, runnerWarm, useBrowser } from "./browser";

const browser = useBrowser();

/** A server on another port: the "foreign" site (same host, so same-site as the app). */
let foreign: { url: string; hits: string[]; close: () => Promise<void> };

beforeAll(async () => {
  const hits: string[] = [];
  const frameURL = `${baseURL()}/runner/frame.html`;
  const attack = (open: string) => `<!doctype html><title>foreign</title><script>
    window.received = [];
    addEventListener("message", (e) => window.received.push(typeof e.data === "object" ? JSON.stringify(e.data).slice(0, 200) : String(e.data)));
    const target = ${open};
    const code = 'await fetch("' + location.origin + '/hit-from-runner", { mode: "no-cors" }); console.log("ran as", self.origin);';
    let n = 0;
    setInterval(() => {
      const w = target();
      if (!w) return;
      n += 1;
      w.postMessage({ type: "init", backends: ["cpu"] }, "*");
      w.postMessage({ type: "run", runId: "run-" + n, code }, "*");
    }, 300);
  </script>`;
  const pages: Record<string, string> = {
    // Framed without a sandbox attribute, as the attack on the old runner did.
    "/frame.html": attack(
      `(() => { const f = document.createElement("iframe"); f.src = ${JSON.stringify(frameURL)}; document.documentElement.append(f); return () => f.contentWindow; })()`,
    ),
    // Opened as a window of its own (frame-ancestors does not apply to a top-level page).
    "/open.html": attack(`(() => { const w = window.open(${JSON.stringify(frameURL)}); return () => w; })()`),
  };
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const body = pages[req.url ?? ""];
    res.writeHead(body ? 200 : 204, { "content-type": "text/html" });
    res.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  foreign = { url, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
});

afterAll(() => foreign?.close());

/** How many Blob workers (the runner's, and any a cell started) the browser has right now. */
async function blobWorkers(page: Page): Promise<number> {
  const session = await page.context().browser()!.newBrowserCDPSession();
  const { targetInfos } = (await session.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
  await session.detach();
  return targetInfos.filter((t) => t.type === "worker" && t.url.startsWith("blob:")).length;
}

it("ignores a foreign page (another port) that frames the runner or opens it in a window", async () => {
  const { page, context } = await newPage(browser());
  const blocked: string[] = [];
  page.on("console", (m) => blocked.push(m.text()));
  await page.goto(`${foreign.url}/frame.html`);
  await page.waitForTimeout(3_000);
  // The frame's own response forbids framing by anything but the app.
  expect(blocked.join("\n")).toContain("frame-ancestors");
  expect(await page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual([]);

  const popupOpened = context.waitForEvent("page");
  await page.goto(`${foreign.url}/open.html`);
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await page.waitForTimeout(3_000);
  // Opened on its own, the runner still has an opaque origin (CSP sandbox), and obeys no one.
  expect(await popup.evaluate(() => self.origin)).toBe("null");
  expect(
    await popup.evaluate(() => {
      try {
        return document.cookie;
      } catch {
        return "blocked";
      }
    }),
  ).toBe("blocked");
  expect(await page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual([]);
  expect(foreign.hits.filter((h) => h.startsWith("/hit"))).toEqual([]);
  await context.close();
});

it("lets a cell reach no network but the runner's own files (its CSP), not even a no-cors request", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const c = cellAt(page, "inverted-dropout");
  const target = `${foreign.url}/hit-from-cell`;
  await editCell(
    c,
    [
      `const target = ${JSON.stringify(target)};`,
      'try { await fetch(target, { mode: "no-cors" }); console.log("fetch: sent"); } catch (e) { console.log("fetch blocked"); }',
      'try { (self as any).importScripts(target + ".js"); console.log("import: loaded"); } catch (e) { console.log("import blocked:", (e as Error).name); }',
      'const beacon = await new Promise((resolve) => { try { const ws = new WebSocket(target.replace("http", "ws")); ws.onopen = () => resolve("open"); ws.onerror = () => resolve("blocked"); } catch (e) { resolve("blocked"); } });',
      'console.log("websocket", beacon);',
      'const own = await fetch(new URL("tf.min.js", (self as any).RUNNER_BASE)); console.log("runner file", own.status);',
    ].join("\n"),
  );
  const text = await runCell(c);
  for (const line of ["fetch blocked", "import blocked: NetworkError", "websocket blocked", "runner file 200"])
    expect(text).toContain(line);
  expect(foreign.hits.filter((h) => h.startsWith("/hit"))).toEqual([]);
  await context.close();
});

it("starts every run from a clean worker: no globals, patches, handlers or nested workers survive", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const c = cellAt(page, "inverted-dropout");
  await editCell(
    c,
    [
      'import * as tf from "@tensorflow/tfjs";',
      "const g = globalThis as any;",
      'g.leak = "from the last run";',
      '(tf.layers as any).dropout = () => { throw new Error("patched by the last run"); };',
      'g.onmessage = () => console.log("old handler");',
      'for (let i = 0; i < 3; i++) new Worker(URL.createObjectURL(new Blob(["setInterval(() => {}, 5)"])));',
      'console.log("planted");',
    ].join("\n"),
  );
  expect(await runCell(c)).toContain("planted");
  await runnerWarm(page);
  // The run's worker and its three nested workers are gone; only the fresh spare is left.
  for (let i = 0; i < 50 && (await blobWorkers(page)) > 1; i++) await page.waitForTimeout(100);
  expect(await blobWorkers(page)).toBe(1);

  await editCell(
    c,
    [
      'import * as tf from "@tensorflow/tfjs";',
      "const g = globalThis as any;",
      'console.log("tensors at start:", tf.memory().numTensors);',
      'console.log("leak:", typeof g.leak);',
      "const y = tf.layers.dropout({ rate: 0.5 }).apply(tf.ones([2, 2]), { training: false }) as tf.Tensor;",
      'console.log("dropout works:", y.sum().dataSync()[0]);',
      'console.log("onmessage:", g.onmessage === null ? "none" : String(g.onmessage));',
    ].join("\n"),
  );
  const text = await runCell(c);
  // The spare's warm-up (a lesson-shaped cell) leaves no tensor behind for the run.
  for (const line of ["tensors at start: 0", "leak: undefined", "dropout works: 4", "onmessage: none"]) expect(text).toContain(line);
  await context.close();
}, 150_000); // three runs, each on a fresh worker that warms up first: tens of seconds on a loaded machine

it("a forged `done` neither ends the run nor records the cell as run; self.close() ends it at once", async () => {
  const { page, context } = await newPage(browser());
  const progress: string[] = [];
  page.on("request", (r) => r.url().includes("/api/progress/cells") && progress.push(r.url()));
  await page.goto(DROPOUT);
  const c = cellAt(page, "inverted-dropout");
  await editCell(
    c,
    [
      "const g = self as any;",
      "let port: any = null;",
      "const send = MessagePort.prototype.postMessage;",
      "MessagePort.prototype.postMessage = function (this: any, m: unknown) { port = this; return send.call(this, m); };",
      'console.log("probe");',
      'console.log("port found:", port !== null);',
      'const forged = (runId: string) => ({ type: "done", runId, ok: true, ms: 1, backend: "webgl", tensorsLeft: 0, truncated: false });',
      "for (let i = 1; i <= 50; i++) { g.postMessage(forged(`run-${i}`)); port?.postMessage(forged(`run-${i}`)); }",
      "await new Promise((r) => setTimeout(r, 1500));",
      'console.log("still running");',
      'throw new Error("the real end");',
    ].join("\n"),
  );
  const text = await runCell(c);
  expect(text).toContain("port found: false");
  expect(text).toContain("still running");
  expect(text).toMatch(/Error: the real end[\s\S]*Failed in \d+ ms/);
  await page.waitForTimeout(500);
  expect(progress).toEqual([]);

  await editCell(c, 'console.log("closing");\n(self as any).close();\nawait new Promise((r) => setTimeout(r, 60_000));');
  // The run ends on the close itself, not at the 10 s budget (the old runner then hung).
  const closed = await runCell(c);
  expect(closed).toContain("self.close() ended this run's worker");
  expect(closed).not.toContain("time budget");
  await editCell(c, 'console.log("next run", 6 * 7);');
  const next = await runCell(c);
  expect(next).toContain("next run 42");
  expect(next).not.toContain("time budget");
  await context.close();
}, 150_000); // three runs on fresh workers, one waiting 1.5 s on purpose

it("stops a cell that spins past its time budget as a slow cell, not a crash, and the next Run works", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const c = cellAt(page, "train-vs-eval");
  // The worker never yields, but the frame's own thread still confirms the stop.
  await editCell(c, 'console.log("spinning");\nfor (;;) {}');
  const text = await runCell(c, 40_000);
  expect(text).toContain("spinning");
  expect(text).toContain("Stopped: the cell ran longer than its 10 s time limit.");
  expect(text).not.toContain("stopped responding");
  await editCell(c, 'console.log("after the budget", 6 * 7);');
  expect(await runCell(c)).toContain("after the budget 42");
  await context.close();
}, 120_000); // a 10 s budget, then a run on a fresh worker

it("keeps the page responsive under a message flood and caps the output, whatever the source", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const c = cellAt(page, "live-loss"); // the cell with the longest budget (30 s)
  await editCell(
    c,
    [
      'const big = "x".repeat(100_000);',
      "for (let i = 0; i < 2000; i++) (self as any).postMessage(big + i);",
      'for (let i = 0; i < 3000; i++) console.log("line", i, "y".repeat(1000));',
      'for (let i = 0; i < 2000; i++) Promise.reject(new Error("rejected " + i));',
      "await new Promise((r) => setTimeout(r, 100));",
    ].join("\n"),
  );
  await runnerWarm(page);
  // While it runs, the page's own timer keeps ticking: record the longest gap between ticks.
  await page.evaluate(() => {
    const w = window as unknown as { maxGap: number };
    w.maxGap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.maxGap = Math.max(w.maxGap, now - last);
      last = now;
    }, 50);
  });
  const text = await runCell(c, 40_000);
  const gap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
  expect(text).toContain("Output truncated");
  expect(text).toMatch(/(Finished|Failed) in \d+ ms/);
  const lines = await cellOutput(c).locator(".cell-line").count();
  expect(lines).toBeLessThanOrEqual(1_000 + 5);
  expect(text.length).toBeLessThan(1_100_000);
  // The old runner froze the page for ~31 s under the same flood.
  expect(gap).toBeLessThan(2_000);
  await editCell(c, 'console.log("after the flood", 6 * 7);');
  expect(await runCell(c)).toContain("after the flood 42");
  await context.close();
}, 90_000);

it("shows a burst of output while the cell still runs, not only when the run ends", async () => {
  const { page, context } = await openPage(browser(), DROPOUT);
  const c = cellAt(page, "live-loss"); // the cell with the longest budget (30 s)
  const pause = "await new Promise((r) => setTimeout(r, 6000));";
  // The first pause lets the runner's next worker get ready (its "ready" would flush the batch).
  await editCell(
    c,
    ['console.log("one");', pause, 'console.log("two");', 'console.log("three");', pause, 'console.log("four");'].join("\n"),
  );
  await runnerWarm(page);
  await c.getByRole("button", { name: "Run" }).click();
  const line = (text: string) => cellOutput(c).locator(".cell-line", { hasText: new RegExp(`^${text}$`) });
  await line("two").waitFor({ timeout: 20_000 });
  // "three" goes out in the frame's next batch, at most 50 ms after "two"; it must not wait for
  // the next line or the end of the run, 6 s later.
  await line("three").waitFor({ timeout: 4_000 });
  expect(await cellOutput(c).innerText()).not.toContain("four");
  await c.locator(".cell-meta").waitFor({ timeout: 30_000 });
  await context.close();
}, 90_000);

it("a cell that eats all memory loses its runner, not the lesson page; the next Run works", async () => {
  const { page, context } = await newPage(browser());
  // Playwright reports a crash of ANY frame's process as the page's own ("crash", and every later
  // call fails with "Page crashed"), though the page is alive. So the runner frame's process dying
  // shows up here as that event, and from then on the page is driven over a CDP session of its own.
  let runnerProcessDied = false;
  page.on("crash", () => (runnerProcessDied = true));
  const cdp = await context.newCDPSession(page);
  const inPage = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const outputText = () => inPage<string>(`document.querySelector('[data-cell-id="train-vs-eval"] [role="log"]').innerText`);
  const until = async (done: (text: string) => boolean, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      const text = await outputText();
      if (done(text)) return text;
    }
    throw new Error(`the cell's output never ended; it shows: ${await outputText()}`);
  };

  await page.goto(DROPOUT);
  const c = cellAt(page, "train-vs-eval");
  await editCell(c, 'console.log("eating");\nconst keep: number[][] = [];\nfor (;;) keep.push(new Array(2e7).fill(1.5));');
  await runnerWarm(page);
  await c.getByRole("button", { name: "Run" }).click();
  const text = await until((t) => /stopped responding|Stopped:|Finished in|Failed in/.test(t), 60_000);
  if (runnerProcessDied) {
    // The frame's process ran out of memory: the cell says so (even when its time budget ran out
    // first while the frame was silent), and a fresh frame takes the next Run.
    expect(text).toMatch(/stopped responding .* too much memory/);
  } else {
    expect(text).toMatch(/Stopped: the cell ran longer|RangeError|out of memory/i);
  }
  // The page's own process still answers.
  expect(await inPage<number>("1 + 1")).toBe(2);

  // The next Run works: new code typed into the editor (as a keyboard does), then Run.
  const next = 'console.log("alive again", 6 * 7);';
  const editorText = () => inPage<string>(`document.querySelector('[data-cell-id="train-vs-eval"] .cm-content').innerText`);
  // A key event can land before the editor has focus: type again until the editor holds the code.
  for (let tries = 0; (await editorText()).trim() !== next; tries++) {
    if (tries === 5) throw new Error(`the editor did not take the new code; it holds: ${await editorText()}`);
    await inPage(`document.querySelector('[data-cell-id="train-vs-eval"] .cm-content').focus()`);
    const ctrlA = { modifiers: 2, key: "a", code: "KeyA", windowsVirtualKeyCode: 65 };
    await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...ctrlA });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...ctrlA });
    await cdp.send("Input.insertText", { text: next });
  }
  await inPage(`[...document.querySelectorAll('[data-cell-id="train-vs-eval"] button')].find((b) => b.textContent === "Run").click()`);
  expect(await until((t) => /Finished in|Failed in|Stopped/.test(t) && !t.includes("eating"), 75_000)).toContain("alive again 42");
  await context.close().catch(() => undefined); // Playwright may consider the page gone already
}, 200_000);
