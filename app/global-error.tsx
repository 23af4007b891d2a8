"use client";
// When the root layout itself fails: a whole document, styled inline (no globals.css).
import { ErrorNotice } from "@/components/errors/ErrorNotice";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem", lineHeight: 1.6 }}>
        <ErrorNotice what="Learn by Running could not show this page." digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
