// Links to the previous and next chapter in reading order (across sections).
import "./chapter.css";
import Link from "next/link";
import type { Chapter } from "@/lib/content/load";

export function PrevNext({ prev, next }: { prev?: Chapter; next?: Chapter }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label="Previous and next chapter" className="prev-next">
      {prev ? (
        <Link href={prev.href} rel="prev" className="prev">
          <span className="prev-next-label">← Previous</span>
          <span className="prev-next-title">{prev.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} rel="next" className="next">
          <span className="prev-next-label">Next →</span>
          <span className="prev-next-title">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
