// The anonymous learner cookie: its name, its value's shape and its attributes.
import { z } from "zod";

export const LEARNER_COOKIE = "lbr_learner";

/** Learner ids are random UUIDs issued by the server. */
export const learnerIdSchema = z.uuid({ message: "learner cookie must be a UUID issued by this site" });

export const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export function learnerCookieAttributes(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: ONE_YEAR_SECONDS, secure };
}
