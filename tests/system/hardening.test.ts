// Attacks on a real app process over real HTTP, each shown to fail safely: chunked oversize
// bodies, TRACE and unknown methods, missing security headers, Bearer guessing, session reuse
// after sign-out, cross-site sign-in/out, forged learner cookies.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { captured } from "../support/text";
import { authorCookie, createAccount, presentToken } from "../support/accounts-http";
import { CHAPTER, freshDatabase, learnerCookie, quizInfo, scratchDir, startApp, stopAll, type App } from "./support";

jest.setTimeout(240_000);

const TOKEN = "system-author-token-0123456789abcdef";
let app: App;
let chapterRevision: string;

beforeAll(async () => {
  app = await startApp(await freshDatabase(scratchDir()), { AUTHOR_TOKEN: TOKEN, AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE: "5" });
  ({ chapterRevision } = await quizInfo(app.baseURL));
});
afterAll(stopAll);

const errorsLogged = () => app.logs().filter((l) => Number(l.level) >= 50);

/** Streams `total` bytes chunked (no Content-Length); resolves with the answer and the bytes sent before it came. */
function chunkedPost(path: string, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; sentBeforeAnswer: number }>((resolve, reject) => {
    const url = new URL(path, app.baseURL);
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      // Read the answer to its end before hanging up: its headers and body may come in separate
      // packets, and destroying the request in between loses the body's end.
      res.resume();
      res.on("end", () => {
        resolve({ status: res.statusCode!, sentBeforeAnswer });
        req.destroy();
      });
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

it("stops reading a chunked oversize body at the limit: 413 long before 200 MB were sent", async () => {
  const { status, sentBeforeAnswer } = await chunkedPost("/api/feedback", 200 * 1024 * 1024, {
    "content-type": "application/json",
    cookie: learnerCookie(randomUUID()),
  });
  expect(status).toBe(413);
  expect(sentBeforeAnswer).toBeLessThan(50 * 1024 * 1024);
  expect(errorsLogged()).toEqual([]);
});

it("caps the author sign-in form the same way", async () => {
  const { status } = await chunkedPost("/api/authors/session", 20 * 1024 * 1024, { "content-type": "application/x-www-form-urlencoded" });
  expect(status).toBe(413);
});

/** A raw request (fetch refuses TRACE). */
const raw = (method: string, path: string) =>
  new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
    const req = http.request(new URL(path, app.baseURL), { method }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow }));
    });
    req.on("error", reject);
    req.end();
  });

it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])("answers %s with 405 (and no stack trace)", async (method) => {
  for (const path of ["/", "/api/quiz/attempts", `/courses/${CHAPTER}`]) {
    expect([path, await raw(method, path)]).toEqual([path, { status: 405, allow: "GET, HEAD, POST" }]);
  }
  expect(errorsLogged()).toEqual([]);
});

it("sends security headers on pages, API answers, 404s (and nosniff on static files)", async () => {
  const html = await (await fetch(new URL(`/courses/${CHAPTER}`, app.baseURL))).text();
  const script = captured(/<script[^>]+src="([^"]+)"/, html);
  const asset = await fetch(new URL(script, app.baseURL));
  expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  for (const path of [`/courses/${CHAPTER}`, "/api/health", "/no-such-page"]) {
    const response = await fetch(new URL(path, app.baseURL));
    expect([path, response.headers.get("x-content-type-options")]).toEqual([path, "nosniff"]);
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(response.headers.get("strict-transport-security")).toBeNull(); // plain HTTP: no HSTS
  }
  // Without TRUST_PROXY a client's X-Forwarded-Proto is not believed (tests/system/operations.test.ts has the trusted case).
  const forged = await fetch(new URL("/", app.baseURL), { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers.get("strict-transport-security")).toBeNull();
});

const origin = () => new URL(app.baseURL).origin;
const signOut = (cookie: string, headers: Record<string, string> = { origin: origin() }) =>
  fetch(new URL("/api/authors/session", app.baseURL), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: "action=sign-out",
  });
const report = (cookie: string) => fetch(new URL("/authors", app.baseURL), { headers: { cookie } });

it("gives every author sign-in its own random session, refuses cross-site sign-out, and ends the session on sign-out", async () => {
  const a = await authorCookie(app.baseURL, TOKEN, "Ada");
  const b = await authorCookie(app.baseURL, TOKEN, "Grace");
  expect(a).not.toBe(b);
  expect(a).toMatch(/^lbr_session=[A-Za-z0-9_-]{43}$/);
  expect((await report(a)).status).toBe(200);
  expect(await (await report(a)).text()).toContain("Ada");

  // A page elsewhere submitting the sign-out form: refused, the session lives on.
  expect((await signOut(a, { origin: "http://evil.example" })).status).toBe(403);
  expect((await signOut(a, { "sec-fetch-site": "cross-site" })).status).toBe(403);
  expect((await report(a)).status).toBe(200);

  // Signed out: a copy of the old cookie no longer opens anything; the other session still does.
  expect((await signOut(a)).status).toBe(303);
  expect((await report(a)).status).toBe(404);
  expect((await fetch(new URL("/authors/attempts.csv", app.baseURL), { headers: { cookie: a } })).status).toBe(404);
  expect((await report(b)).status).toBe(200);
});

it("refuses a cross-site token presentation (login CSRF), and a token from a device with no account", async () => {
  const { cookie } = await createAccount(app.baseURL, "Mallory's target");
  expect((await presentToken(app.baseURL, cookie, TOKEN, { origin: "http://evil.example" })).response.status).toBe(403);
  expect((await presentToken(app.baseURL, cookie, TOKEN, { origin: "null" })).response.status).toBe(403);
  const anonymous = await presentToken(app.baseURL, "", TOKEN);
  expect(anonymous.response.headers.get("location")).toBe("/authors/sign-in?error=account");
  expect((await report(cookie)).status).toBe(404);
});

it("rate-limits Bearer guessing: after 5 wrong tokens even the right one is refused for a while", async () => {
  const csv = (token: string) => fetch(new URL("/authors/feedback.csv", app.baseURL), { headers: { authorization: `Bearer ${token}` } });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await csv(`guess-${i}-${randomUUID()}`)).status);
  expect(statuses).toEqual([404, 404, 404, 404, 404]);
  const right = await csv(TOKEN);
  expect(right.status).toBe(429);
  expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
});

it("answers a closed /authors with the very bytes of any unknown address", async () => {
  const unknown = await fetch(new URL("/no-such-page", app.baseURL));
  expect(unknown.status).toBe(404);
  const expected = await unknown.text();
  const closed: Record<string, string>[] = [
    {},
    { cookie: `lbr_session=${"x".repeat(43)}` }, // a session that was never issued
    { authorization: `Bearer wrong-${randomUUID()}` },
  ];
  for (const headers of closed) {
    const response = await fetch(new URL("/authors", app.baseURL), { headers });
    expect([headers, response.status]).toEqual([headers, 404]);
    expect([headers, await response.text()]).toEqual([headers, expected]);
  }
});

it("treats a learner cookie it did not sign as no learner", async () => {
  const forged = await fetch(new URL("/api/progress", app.baseURL), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `lbr_learner=${randomUUID()}` },
    body: JSON.stringify({ chapterId: CHAPTER, revision: chapterRevision }),
  });
  expect(forged.status).toBe(400);
  const read = await fetch(new URL("/api/progress", app.baseURL), { headers: { cookie: `lbr_learner=${randomUUID()}` } });
  expect(read.headers.get("set-cookie")).toMatch(/lbr_learner=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/);
});
