// The address rate limits count by: the one our server or proxy appended, not one the client made up.
import { clientIp, subnetKey } from "./client-ip";

it("takes the last X-Forwarded-For entry, then X-Real-IP", () => {
  expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
  expect(clientIp(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
  expect(clientIp(new Headers())).toBe("unknown");
});

it("keys IPv6 clients by their /64, and IPv4 (also IPv4-mapped) by the address", () => {
  expect(subnetKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
  expect(subnetKey("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
  expect(subnetKey("2001:db8:1:2::ffff")).toBe(subnetKey("2001:db8:1:2:ffff::1"));
  expect(subnetKey("2001:db8:1:3::1")).not.toBe(subnetKey("2001:db8:1:2::1"));
  expect(subnetKey("::1")).toBe("0:0:0:0::/64");
  expect(subnetKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  expect(subnetKey("::ffff:10.1.2.3")).toBe("10.1.2.3");
  expect(subnetKey("10.1.2.3")).toBe("10.1.2.3");
  expect(subnetKey("not an address")).toBe("not an address");
  expect(clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2::7" }))).toBe("2001:db8:1:2::/64");
});
