// The authors' report: feedback and quiz statistics (signed-in authors only; 404 otherwise).
import type { Metadata } from "next";
import Link from "next/link";
import { requireAuthor } from "@/lib/authors/guard.server";
import {
  feedbackRevisions,
  feedbackSummary,
  itemAnalysis,
  quizStatistics,
  recentComments,
  recentQuestions,
  type ItemStats,
} from "@/lib/authors/report.server";
import { getChapterById } from "@/lib/content/course.server";
import { ColumnHeads } from "@/components/authors/ColumnHeads";
import { ItemCard, ItemGuide, ItemOverview } from "@/components/authors/ItemAnalysis";
import { ScrollRegion } from "@/components/authors/ScrollRegion";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Authors' report", robots: { index: false } };

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "–");

export default async function AuthorsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const author = await requireAuthor();
  const requested = (await props.searchParams).revision;
  const revision = typeof requested === "string" && /^[0-9a-f]{12}$/.test(requested) ? requested : undefined;
  const [summary, comments, revisions, questions, items, asked] = await Promise.all([
    feedbackSummary(revision),
    recentComments(revision),
    feedbackRevisions(),
    quizStatistics(),
    itemAnalysis(),
    recentQuestions(),
  ]);
  const overviewOf = new Map(questions.map((q) => [`${q.chapterId}/${q.questionId}`, q]));
  const chapters = new Map<string, { title: string; items: ItemStats[] }>();
  for (const item of items) {
    const chapter = chapters.get(item.chapterId) ?? { title: item.chapterTitle, items: [] };
    chapter.items.push(item);
    chapters.set(item.chapterId, chapter);
  }

  return (
    <main id="main" className="page wide report">
      <div className="report-header">
        <h1>Authors&apos; report</h1>
        <div className="report-actions">
          {author && (
            <p className="report-who">
              Signed in as <strong>{author.name}</strong> ({author.via === "role" ? "author" : "author until the author token changes"}) ·{" "}
              <a href="/account">account and devices</a>
            </p>
          )}
          <form method="post" action="/api/authors/session">
            <input type="hidden" name="action" value="sign-out" />
            <button type="submit">Sign out</button>
          </form>
        </div>
      </div>
      <p>
        Export: <a href="/authors/feedback.csv">feedback (CSV)</a> · <a href="/authors/attempts.csv">quiz attempts (CSV)</a> ·{" "}
        <a href="/authors/items.csv">quiz item statistics (CSV)</a>
      </p>

      <section aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">“Everything was clear?”</h2>
        <nav aria-label="Filter by content revision" className="report-filter">
          Revision: {revision ? <Link href="/authors">all</Link> : <strong>all</strong>}
          {revisions.map((r) => (
            <span key={`${r.chapterId}@${r.revision}`}>
              {" · "}
              {r.revision === revision ? (
                <strong>{r.revision}</strong>
              ) : (
                <Link href={`/authors?revision=${r.revision}`} title={getChapterById(r.chapterId)?.title ?? r.chapterId}>
                  {r.revision}
                </Link>
              )}
            </span>
          ))}
        </nav>
        {summary.length === 0 ? (
          <p className="muted">No feedback yet.</p>
        ) : (
          <ScrollRegion label="Feedback by chapter">
            <table>
              <ColumnHeads columns={["Chapter", "Revision", "Votes", "Clear", "Comments", "Last vote"]} />
              <tbody>
                {summary.map((row) => (
                  <tr key={`${row.chapterId}@${row.revision}`}>
                    <td>{row.title}</td>
                    <td>
                      <code>{row.revision}</code>
                      {getChapterById(row.chapterId)?.revision === row.revision ? " (current)" : ""}
                    </td>
                    <td>{row.votes}</td>
                    <td>
                      {pct(row.votes ? row.clear / row.votes : null)} ({row.clear})
                    </td>
                    <td>{row.comments}</td>
                    <td>{when(row.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <h3>Recent comments</h3>
        {comments.length === 0 ? (
          <p className="muted">No comments yet.</p>
        ) : (
          <ul className="comments">
            {comments.map((c, i) => (
              <li key={i}>
                <p className="comment-meta">
                  {c.clear ? "Clear" : "Not clear"} · {getChapterById(c.chapterId)?.title ?? c.chapterId} · <code>{c.revision}</code> ·{" "}
                  {when(c.updatedAt)}
                </p>
                {/* Learner text: rendered as text by React, never as HTML or Markdown. */}
                <p className="comment-text">{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">What learners ask about</h2>
        <p className="muted">
          {asked.total} questions asked in “Ask AI”; {asked.notCovered} were not covered by the course text — candidates for new material.
        </p>
        {asked.latest.length ? (
          <ul className="comments">
            {asked.latest.map((q, i) => (
              <li key={i}>
                <p className="comment-meta">
                  {q.answeredBy === "not-covered" ? "Not covered" : `Answered from ${q.answeredBy}`} ·{" "}
                  {getChapterById(q.chapterId)?.title ?? q.chapterId}
                  {q.withCode ? " · with code" : ""} · {when(q.createdAt)}
                </p>
                <p className="comment-text">{q.question}</p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">Quiz questions</h2>
        <ItemGuide />
        {[...chapters].map(([chapterId, chapter]) => (
          <section key={chapterId} aria-label={`Quiz items: ${chapter.title}`}>
            <h3>{chapter.title}</h3>
            <ItemOverview chapterTitle={chapter.title} items={chapter.items} />
            {chapter.items.map((item) => (
              <ItemCard key={item.questionId} item={item} overview={overviewOf.get(`${item.chapterId}/${item.questionId}`)} />
            ))}
          </section>
        ))}
      </section>
    </main>
  );
}
