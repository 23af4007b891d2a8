"use client";
// The last resort when the root layout itself fails: a whole document, styled inline (no globals.css).
import Link from "next/link";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem", lineHeight: 1.6 }}>
        <main id="main">
          <h1>Something went wrong</h1>
          <p>Learn by Running could not show this page. Your progress and answers are stored.</p>
          {error.digest ? (
            <p>
              Reference: <code>{error.digest}</code>
            </p>
          ) : null}
          <p>
            <button type="button" onClick={reset}>
              Try again
            </button>{" "}
            or <Link href="/">go to the start page</Link>.
          </p>
        </main>
      </body>
    </html>
  );
}
