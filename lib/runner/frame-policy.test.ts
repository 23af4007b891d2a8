// The runner frame's response: its CSP, the parent it obeys, and the redirect to RUNNER_ORIGIN.
import { frameResponse } from "./frame-policy";

const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe("frameResponse", () => {
  it("serves a sandboxed frame that only the app's own origin may embed, with network limited to /runner/", () => {
    const response = frameResponse(new URL("http://127.0.0.1:3000/runner/frame.html"), {});
    if (response.kind !== "frame") throw new Error("expected the frame");
    const csp = directives(response.headers["content-security-policy"]!);
    expect(csp.get("sandbox")).toEqual(["allow-scripts"]); // no allow-same-origin
    expect(csp.get("frame-ancestors")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["http://127.0.0.1:3000/runner/"]);
    expect(csp.get("script-src")).toEqual(["http://127.0.0.1:3000/runner/", "blob:", "'unsafe-eval'", "'wasm-unsafe-eval'"]);
    expect(csp.get("worker-src")).toEqual(["blob:"]);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.html).toContain('<meta name="lbr-parent-origin" content="self">');
    // The worker's scripts are preloaded in the CORS mode the frame fetches them with.
    expect(response.html).toContain('<link rel="preload" href="tf.min.js" as="fetch" crossorigin="anonymous">');
  });

  it("redirects to RUNNER_ORIGIN, where the frame obeys only APP_ORIGIN", () => {
    const origins = { runnerOrigin: "https://runner.example.net", appOrigin: "https://learn.example.org" };
    expect(frameResponse(new URL("https://learn.example.org/runner/frame.html"), origins)).toEqual({
      kind: "redirect",
      location: "https://runner.example.net/runner/frame.html",
    });
    const response = frameResponse(new URL("http://runner.example.net/runner/frame.html"), origins); // TLS ends at the proxy
    if (response.kind !== "frame") throw new Error("expected the frame");
    const csp = directives(response.headers["content-security-policy"]!);
    expect(csp.get("frame-ancestors")).toEqual(["https://learn.example.org"]);
    expect(csp.get("connect-src")).toEqual(["https://runner.example.net/runner/"]);
    expect(response.html).toContain('content="https://learn.example.org"');
  });

  it("escapes the parent origin in the page", () => {
    const response = frameResponse(new URL("https://r.example/runner/frame.html"), {
      runnerOrigin: "https://r.example",
      appOrigin: 'https://a.example"><script>',
    });
    if (response.kind !== "frame") throw new Error("expected the frame");
    expect(response.html).not.toContain('"><script>');
  });
});
