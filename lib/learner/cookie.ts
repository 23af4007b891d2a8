// The anonymous learner cookie.

export const LEARNER_COOKIE = "lbr_learner";

export const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export function learnerCookieAttributes(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: ONE_YEAR_SECONDS, secure };
}
