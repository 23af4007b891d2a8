// The trivial JSON route used by benchmarks as a baseline.
import { GET } from "@/app/api/health/route";

it("answers { ok: true }", async () => {
  const response = GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});
