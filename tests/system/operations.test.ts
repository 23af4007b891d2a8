// What an operator relies on: slow or piled-up connections are cut off, proxy headers count only
// behind a trusted proxy, the runner's own host serves nothing but the runner, and author sessions
// made by AUTHOR_TOKEN end when it changes (authors by role stay), sign out everywhere ends all.
import { spawnSync } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { authorCookie, createAccount, signIn } from "../support/accounts-http";
import { freePort, freshDatabase, scratchDir, sleep, startApp, stopAll, type App } from "./support";

jest.setTimeout(240_000);
afterAll(stopAll);

/** A raw GET with the Host header we choose (fetch does not let a caller set Host). */
function get(app: App, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(new URL(path, app.baseURL), { headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

it("behind a trusted proxy: believes X-Forwarded-Proto; with RUNNER_ORIGIN the runner's host serves only /runner/*", async () => {
  const appPort = await freePort();
  const runnerOrigin = `http://runner.localhost:${appPort}`;
  const app = await startApp(
    await freshDatabase(scratchDir()),
    { TRUST_PROXY: "1", APP_ORIGIN: `http://127.0.0.1:${appPort}`, RUNNER_ORIGIN: runnerOrigin },
    appPort,
  );
  const tls = await fetch(new URL("/", app.baseURL), { headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);

  const runnerHost = { host: `runner.localhost:${appPort}` };
  for (const path of ["/", "/api/health", "/courses/optimization-regularization", "/authors"]) {
    const answer = await get(app, path, runnerHost);
    expect([path, answer.status, answer.body]).toEqual([path, 404, "Not found: this host serves the code runner only.\n"]);
  }
  expect((await get(app, "/runner/frame.html", runnerHost)).status).toBe(200);
  expect((await get(app, "/runner/frame.js", runnerHost)).status).toBe(200);
  // The app's own host is unaffected.
  expect((await get(app, "/", { host: `127.0.0.1:${appPort}` })).status).toBe(200);
});

it("answers 408 to a client that sends its body too slowly, and refuses connections past MAX_CONNECTIONS", async () => {
  const app = await startApp(await freshDatabase(scratchDir()), { REQUEST_TIMEOUT_MS: "2000", MAX_CONNECTIONS: "10" });
  const port = Number(new URL(app.baseURL).port);

  // Headers, 10 bytes of a promised 1,000, then silence.
  const started = Date.now();
  const slow = await new Promise<{ reply: string; ms: number }>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write("POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n0123456789");
    });
    let reply = "";
    socket.on("data", (d) => (reply += d.toString()));
    socket.on("error", () => undefined); // a reset after the 408 is a close as well
    socket.on("close", () => resolve({ reply, ms: Date.now() - started }));
  });
  // The app may answer first without reading the body (e.g. 401, no learner cookie); either way
  // the server gives up on the body after the timeout and closes the connection.
  expect(slow.reply).toMatch(/HTTP\/1\.1 408 Request Timeout\r\nConnection: close/);
  expect(slow.ms).toBeLessThan(6_000);

  // Ten idle connections fill the cap; the eleventh is closed without an answer.
  const idle = await Promise.all(
    Array.from(
      { length: 10 },
      () =>
        new Promise<net.Socket>((resolve) => {
          const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
          socket.on("error", () => undefined); // reset later by the headers timeout: not this check's concern
        }),
    ),
  );
  await sleep(200);
  const extra = await new Promise<{ closed: boolean; data: string }>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    let data = "";
    socket.on("data", (d) => (data += d.toString()));
    socket.on("error", () => undefined); // refused by a reset: closed all the same
    socket.on("close", () => resolve({ closed: true, data }));
    setTimeout(() => resolve({ closed: false, data }), 1_500);
  });
  expect(extra).toEqual({ closed: true, data: "" });
  for (const socket of idle) socket.destroy();
  await sleep(200);
  expect((await fetch(new URL("/api/health", app.baseURL))).status).toBe(200);
});

it("ends the sessions AUTHOR_TOKEN made authors' when it changes; an author by role stays one; sign out everywhere", async () => {
  const database = await freshDatabase(scratchDir());
  const port = await freePort();
  const report = (app: App, cookie: string) => fetch(new URL("/authors", app.baseURL), { headers: { cookie } }).then((r) => r.status);
  const signedIn = (app: App, cookie: string) =>
    fetch(new URL("/api/account", app.baseURL), { headers: { cookie } }).then(
      async (r) => ((await r.json()) as { signedIn: boolean }).signedIn,
    );

  let app = await startApp(database, { AUTHOR_TOKEN: "first-token-0123456789abcdef" }, port);
  const before = await authorCookie(app.baseURL, "first-token-0123456789abcdef", "Token author");
  const byRole = await createAccount(app.baseURL, "Role author");
  expect(await report(app, byRole.cookie)).toBe(404);
  const granted = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/authors-grant.ts", "Role author"],
    {
      env: { ...process.env, DATABASE_PROVIDER: database.provider, DATABASE_URL: database.url },
      encoding: "utf8",
    },
  );
  expect(granted.stdout).toContain("Role author is now an author.");
  expect([await report(app, before), await report(app, byRole.cookie)]).toEqual([200, 200]);
  app.kill("SIGTERM");
  await app.exited;

  // Rotated: the session the old token made an author's has ended; the role author's has not.
  app = await startApp(database, { AUTHOR_TOKEN: "second-token-0123456789abcdef" }, port);
  expect(await report(app, before)).toBe(404);
  expect(await signedIn(app, before)).toBe(false);
  expect(await report(app, byRole.cookie)).toBe(200);

  // Two devices of the role author; "sign out everywhere" from one ends both.
  const phone = await signIn(app.baseURL, byRole.authenticator);
  expect(await report(app, phone)).toBe(200);
  const everywhere = await fetch(new URL("/api/account/sign-out", app.baseURL), {
    method: "POST",
    headers: { "content-type": "application/json", origin: new URL(app.baseURL).origin, cookie: phone },
    body: JSON.stringify({ session: "all" }),
  });
  expect(everywhere.status).toBe(200);
  expect([await report(app, byRole.cookie), await report(app, phone)]).toEqual([404, 404]);
});
