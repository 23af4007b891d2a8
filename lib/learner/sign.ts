// Signed learner ids: "<uuid>.<base64url HMAC-SHA256>" (pure).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const uuid = z.uuid();
const MAC_LENGTH = 43; // base64url of 32 bytes

const macOf = (key: Buffer, id: string) => createHmac("sha256", key).update(`learner:${id}`).digest("base64url");

export function signLearnerId(key: Buffer, id: string): string {
  return `${id}.${macOf(key, id)}`;
}

/** The learner id a cookie value carries, or an explanation of why it is not one of ours. */
export function verifyLearnerCookie(key: Buffer, value: string): { ok: true; id: string } | { ok: false; message: string } {
  const dot = value.indexOf(".");
  const id = dot < 0 ? value : value.slice(0, dot);
  const mac = dot < 0 ? "" : value.slice(dot + 1);
  if (!uuid.safeParse(id).success || mac.length !== MAC_LENGTH) return { ok: false, message: "not a learner id issued by this site" };
  const expected = Buffer.from(macOf(key, id));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, message: "not a learner id issued by this site" };
  return { ok: true, id };
}
