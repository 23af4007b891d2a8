// How authors get in: with their account (a passkey), plus the author token once if they have no author role.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { sessionOf } from "@/lib/accounts/sessions.server";
import { authorOf } from "@/lib/authors/auth.server";
import { getEnv } from "@/lib/env.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Authors", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  token: "That token is not right.",
  wait: "Too many tries. Wait a minute and try again.",
  account: "Sign in to your account first.",
};

export default async function SignInPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await sessionOf({ cookies: await cookies() });
  if (await authorOf(session)) redirect("/authors");
  const error = (await props.searchParams).error;
  const message = typeof error === "string" ? MESSAGES[error] : undefined;
  const tokenSet = getEnv().AUTHOR_TOKEN !== undefined;
  return (
    <main id="main" className="page narrow">
      <h1>Authors</h1>
      {!session ? (
        <p>
          Authors sign in with their learner account. <Link href="/account">Sign in or create an account</Link> with a passkey, then come
          back to this page.
        </p>
      ) : (
        <>
          <p>
            Your account has no author role. An operator can grant it (<code>npm run authors:grant -- &lt;your account name&gt;</code>)
            {tokenSet ? ", or you can present the author token: this device then reads the report until the token changes." : "."}
          </p>
          {tokenSet && (
            <form method="post" action="/api/authors/session" className="sign-in">
              <label htmlFor="token">Author token</label>
              <input
                id="token"
                name="token"
                type="password"
                autoComplete="current-password"
                required
                maxLength={500}
                aria-describedby={message ? "sign-in-error" : undefined}
              />
              <button type="submit" className="button">
                Continue as an author
              </button>
            </form>
          )}
        </>
      )}
      {message ? (
        <p id="sign-in-error" role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </main>
  );
}
