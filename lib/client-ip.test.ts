// The address rate limits count by: the one our server or proxy appended, not one the client made up.
import { clientIp } from "./client-ip";

it("takes the last X-Forwarded-For entry, then X-Real-IP", () => {
  expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
  expect(clientIp(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
  expect(clientIp(new Headers())).toBe("unknown");
});
