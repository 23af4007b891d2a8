// Sign-in for course authors (exists only when AUTHOR_TOKEN is set).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { authorsEnabled } from "@/lib/authors/auth.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Authors", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  token: "That token is not right.",
  wait: "Too many tries. Wait a minute and try again.",
};

export default async function SignInPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!authorsEnabled()) notFound();
  const error = (await props.searchParams).error;
  const message = typeof error === "string" ? MESSAGES[error] : undefined;
  return (
    <main id="main" className="page narrow">
      <h1>Authors</h1>
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
        {message ? (
          <p id="sign-in-error" role="alert" className="form-error">
            {message}
          </p>
        ) : null}
        <button type="submit" className="button">
          Sign in
        </button>
      </form>
    </main>
  );
}
