// A highlighted aside in lesson text: a note or a warning.
import type { ReactNode } from "react";

export function Callout({ kind = "note", title, children }: { kind?: "note" | "warning"; title?: string; children: ReactNode }) {
  return (
    <aside className={`callout callout-${kind}`} role="note" aria-label={title ?? (kind === "warning" ? "Warning" : "Note")}>
      {title ? <p className="callout-title">{title}</p> : null}
      {children}
    </aside>
  );
}
