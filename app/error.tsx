"use client";
// What a learner sees when a page fails to render: what happened, a retry, a way home.
import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Your progress and answers are stored; trying again usually helps.</p>
      {error.digest ? (
        <p>
          If it keeps happening, tell us this reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        or <Link href="/">see all courses</Link>.
      </p>
    </main>
  );
}
