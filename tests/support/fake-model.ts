// A local OpenAI-compatible chat-completions server for tests (real HTTP, real streaming).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMode = "stream" | "hang" | "error" | "stall-after-first";

export async function startFakeModel(chunks: string[], chunkDelayMs = 40) {
  let mode: FakeMode = "stream";
  const seen: { authorization?: string; body: { model: string; stream: boolean; messages: { role: string; content: string }[] } }[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      seen.push({ authorization: req.headers.authorization, body: JSON.parse(raw) });
      if (mode === "error") return res.writeHead(500).end("boom");
      open.add(res);
      res.on("close", () => open.delete(res));
      if (mode === "hang") return; // never answers
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const [i, text] of chunks.entries()) {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`);
        if (mode === "stall-after-first" && i === 0) return;
        await new Promise((r) => setTimeout(r, chunkDelayMs));
      }
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    setMode: (m: FakeMode) => (mode = m),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}
