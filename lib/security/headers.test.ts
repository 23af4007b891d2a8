// Which security headers each kind of response gets, and the runner origin in the pages' policy.
import { pageCsp, RUNNER_FRAME_PATH, securityHeaders } from "./headers";

const directive = (csp: string | undefined, name: string) => csp?.split("; ").find((d) => d.split(" ")[0] === name);

describe("securityHeaders", () => {
  it("gives pages, API answers and 404s the page policy, no framing at all", () => {
    for (const path of ["/", "/courses/a/b/c", "/api/quiz/attempts", "/authors", "/no-such-page", "/figures/a/lab/worker.js"]) {
      const h = securityHeaders(path, {});
      expect([path, directive(h["content-security-policy"], "frame-ancestors")]).toEqual([path, "frame-ancestors 'none'"]);
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("sets nothing of its own on the runner frame, whose route sends its own CSP", () => {
    expect(securityHeaders(RUNNER_FRAME_PATH, {})).toEqual({});
    expect(securityHeaders(RUNNER_FRAME_PATH, { https: true })).toEqual({
      "strict-transport-security": expect.stringMatching(/^max-age=\d+/),
    });
  });

  it("keeps every other runner file and Next's chunks unframeable without restricting their scripts", () => {
    for (const path of ["/runner/frame.js", "/runner/ts/worker.js", "/_next/static/chunks/x.js", "/runner/frame.html/x"]) {
      const h = securityHeaders(path, {});
      expect([path, h["content-security-policy"]]).toEqual([path, "frame-ancestors 'none'"]);
      expect(h["x-frame-options"]).toBeUndefined();
    }
  });

  it("sends HSTS only behind a TLS proxy", () => {
    expect(securityHeaders("/", {})["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders("/", { https: true })["strict-transport-security"]).toMatch(/^max-age=\d+/);
  });
});

describe("pageCsp", () => {
  it("frames the runner from the app's origin by default, and from RUNNER_ORIGIN when set", () => {
    expect(directive(pageCsp({}), "frame-src")).toBe("frame-src 'self'");
    const own = pageCsp({ runnerOrigin: "https://runner.example.net" });
    expect(directive(own, "frame-src")).toBe("frame-src 'self' https://runner.example.net");
    expect(directive(own, "child-src")).toBe("child-src 'self' https://runner.example.net");
  });

  it("lets the lab worker (same origin) compile wasm, and evaluates no strings", () => {
    const csp = pageCsp({});
    expect(directive(csp, "worker-src")).toBe("worker-src 'self'");
    expect(directive(csp, "script-src")).toContain("'wasm-unsafe-eval'");
    expect(directive(csp, "script-src")).not.toContain("'unsafe-eval'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
  });

  it("allows eval only under `npm run dev` (React's development build needs it)", () => {
    expect(directive(pageCsp({ dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(directive(securityHeaders("/", { dev: false })["content-security-policy"]!, "script-src")).not.toContain("'unsafe-eval'");
  });
});
