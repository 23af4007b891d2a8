"use client";
// What a learner reads when a page fails: what happened, the reference to report, Try again, a way home.
import Link from "next/link";

export function ErrorNotice({ what, digest, reset }: { what: string; digest?: string; reset: () => void }) {
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p>{what} Your progress and answers are stored; trying again usually helps.</p>
      {digest ? (
        <p>
          If it keeps happening, tell us this reference: <code>{digest}</code>
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
