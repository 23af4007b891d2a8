// Accounts over HTTP for tests that drive a running app (system tests, browser-test setup): a
// passkey account made with the software authenticator, signed in, made an author by the token.
import { SoftAuthenticator } from "./soft-authenticator";

const cookieFrom = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => new RegExp(`^${name}=([^;]*)`).exec(line)?.[1])
    .find((v) => v !== undefined && v !== "");

async function ceremony(baseURL: string, authenticator: SoftAuthenticator, purpose: "create" | "sign-in", extra: Record<string, unknown>) {
  const origin = new URL(baseURL).origin;
  const headers = { "content-type": "application/json", origin };
  const started = await fetch(new URL("/api/account/passkeys/options", baseURL), {
    method: "POST",
    headers,
    body: JSON.stringify({ purpose }),
  });
  if (!started.ok) throw new Error(`passkey options: ${started.status} ${await started.text()}`);
  const { options } = (await started.json()) as { options: never };
  const ceremonyCookie = cookieFrom(started, "lbr_ceremony")!;
  const response = purpose === "create" ? authenticator.register(options, origin) : authenticator.authenticate(options, origin);
  const done = await fetch(new URL("/api/account/passkeys/verify", baseURL), {
    method: "POST",
    headers: { ...headers, cookie: `lbr_ceremony=${ceremonyCookie}` },
    body: JSON.stringify({ purpose, response, ...extra }),
  });
  if (!done.ok) throw new Error(`passkey ${purpose}: ${done.status} ${await done.text()}`);
  return `lbr_session=${cookieFrom(done, "lbr_session")!}`;
}

/** A new account; its session cookie ("lbr_session=…") and its authenticator (to sign in elsewhere). */
export async function createAccount(baseURL: string, name: string) {
  const authenticator = new SoftAuthenticator();
  return { cookie: await ceremony(baseURL, authenticator, "create", { name }), authenticator };
}

/** Another device's session for the account whose passkey `authenticator` holds. */
export const signIn = (baseURL: string, authenticator: SoftAuthenticator) => ceremony(baseURL, authenticator, "sign-in", {});

/** Presents AUTHOR_TOKEN from a signed-in session: the response, and the new session cookie on success. */
export async function presentToken(baseURL: string, cookie: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL("/api/authors/session", baseURL), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(baseURL).origin, cookie, ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
  const session = cookieFrom(response, "lbr_session");
  return { response, cookie: session ? `lbr_session=${session}` : null };
}

/** An author's session cookie: a new account that presented the token. */
export async function authorCookie(baseURL: string, token: string, name = "Author") {
  const { cookie } = await createAccount(baseURL, name);
  const presented = await presentToken(baseURL, cookie, token);
  if (!presented.cookie)
    throw new Error(`presenting the author token: ${presented.response.status} ${presented.response.headers.get("location")}`);
  return presented.cookie;
}
