"use client";
// A page that fails to render shows this inside the site's layout.
import { useEffect } from "react";
import { ErrorNotice } from "@/components/errors/ErrorNotice";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return <ErrorNotice what="This page could not be shown." digest={error.digest} reset={reset} />;
}
