// Bodies are read as streams with a limit: a chunked body without Content-Length stops being
// read just past the limit (the rest is never pulled), for every learner route and the sign-in form.
import { NextRequest } from "next/server";
import { POST as ASK } from "@/app/api/ask/route";
import { POST as FEEDBACK } from "@/app/api/feedback/route";
import { POST as PROGRESS } from "@/app/api/progress/route";
import { POST as ATTEMPTS } from "@/app/api/quiz/attempts/route";
import { countRows, db, resetDb } from "../support/db";
import { signed } from "../support/requests";

beforeEach(resetDb);
afterAll(() => db.$disconnect());

const CHUNK = 64 * 1024;

/** An endless chunked JSON-looking body that counts how many chunks were pulled. */
function endlessRequest(path: string) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  const request = new NextRequest(new URL(path, "http://localhost:3000"), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: `lbr_learner=${signed("7d9b1c2a-1e3f-4c5d-8e9f-0a1b2c3d4e5f")}`,
      "x-forwarded-for": `10.40.0.${Math.floor(Math.random() * 250)}`,
    },
    body,
    duplex: "half",
  } as unknown as ConstructorParameters<typeof NextRequest>[1]);
  return { request, pulled: () => pulled };
}

it.each<[string, (r: NextRequest) => Promise<Response>, number]>([
  ["/api/quiz/attempts", ATTEMPTS, 8 * 1024],
  ["/api/progress", PROGRESS, 8 * 1024],
  ["/api/feedback", FEEDBACK, 16 * 1024],
  ["/api/ask", ASK, 48 * 1024],
])("%s: 413 after reading at most one chunk past its %d-byte limit", async (path, handler, limit) => {
  const { request, pulled } = endlessRequest(path);
  const response = await handler(request);
  expect(response.status).toBe(413);
  expect((await response.json()).error).toBe(`Body is larger than ${limit} bytes.`);
  // Whole-body reading would never return for an endless body; here a few chunks at most were pulled.
  expect(pulled()).toBeLessThanOrEqual(Math.ceil(limit / CHUNK) + 2);
  expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
});

it("refuses a declared Content-Length over the limit without reading", async () => {
  const { request, pulled } = endlessRequest("/api/progress");
  request.headers.set("content-length", String(10 * 1024 * 1024));
  expect((await PROGRESS(request)).status).toBe(413);
  expect(pulled()).toBeLessThanOrEqual(1);
});
