// Security headers as a real app process sends them: the runner frame keeps its own policy (not
// the pages'), and the pages' frame-src follows RUNNER_ORIGIN as set when the server starts.
import { freshDatabase, scratchDir, startApp, stopAll, type App } from "./support";

jest.setTimeout(240_000);

let plain: App;
let ownRunner: App;
const RUNNER = "https://runner.example.net";

beforeAll(async () => {
  [plain, ownRunner] = await Promise.all([
    startApp(await freshDatabase(scratchDir())),
    startApp(await freshDatabase(scratchDir()), { RUNNER_ORIGIN: RUNNER, APP_ORIGIN: "https://learn.example.org" }),
  ]);
});
afterAll(stopAll);

const directive = (csp: string | null, name: string) => (csp ?? "").split("; ").find((d) => d.split(" ")[0] === name);

it("serves the runner frame with its own policy only: sandboxed, framed by the app alone", async () => {
  const frame = await fetch(new URL("/runner/frame.html", plain.baseURL));
  expect(frame.status).toBe(200);
  const csp = frame.headers.get("content-security-policy");
  expect(csp).toMatch(/^sandbox allow-scripts; /); // one policy (two would be joined with ", ")
  expect(csp).not.toContain(",");
  expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'self'");
  expect(frame.headers.get("x-frame-options")).toBeNull();
  expect(frame.headers.get("referrer-policy")).toBe("no-referrer");
});

it("gives pages a policy that frames the runner and starts the lab worker, without 'unsafe-eval'", async () => {
  const page = await fetch(new URL("/", plain.baseURL));
  const csp = page.headers.get("content-security-policy");
  expect(directive(csp, "frame-src")).toBe("frame-src 'self'");
  expect(directive(csp, "worker-src")).toBe("worker-src 'self'");
  expect(directive(csp, "script-src")).not.toContain("'unsafe-eval'");
  expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  // The lab worker's own response carries the same policy (a worker's CSP is its script's).
  const worker = await fetch(new URL("/figures/optimization-regularization/lab/worker.js", plain.baseURL));
  expect(worker.headers.get("content-security-policy")).toBe(csp);
});

it("names RUNNER_ORIGIN in the pages' frame-src when set at start (no rebuild), and sends the frame there", async () => {
  const csp = (await fetch(new URL("/", ownRunner.baseURL))).headers.get("content-security-policy");
  expect(directive(csp, "frame-src")).toBe(`frame-src 'self' ${RUNNER}`);
  expect(directive(csp, "child-src")).toBe(`child-src 'self' ${RUNNER}`);
  const frame = await fetch(new URL("/runner/frame.html", ownRunner.baseURL), { redirect: "manual" });
  expect([frame.status, frame.headers.get("location")]).toEqual([307, `${RUNNER}/runner/frame.html`]);
});
