// One answer in the chat: quoted course sentences with section links, or a streamed model answer.
import "./ask.css";
import type { AnswerPart } from "@/lib/ask/types";

export type Source = { heading: string; chapterTitle: string; href: string };

export type AnswerState = {
  mode?: "course" | "model";
  sources: Source[];
  text: string;
  parts?: AnswerPart[];
  notices: string[];
  notCovered?: string[];
  error?: string;
  done: boolean;
};

/** Turns "[Heading]" citations in a model answer into links to the cited sections. */
function withCitations(text: string, sources: Source[], onNavigate: () => void) {
  return text.split(/(\[[^\]\n]{2,80}\])/g).map((piece, i) => {
    const source = sources.find((s) => `[${s.heading}]` === piece);
    return source ? (
      <a key={i} href={source.href} onClick={onNavigate}>
        {piece}
      </a>
    ) : (
      <span key={i}>{piece}</span>
    );
  });
}

export function Answer({ answer, onAsk, onNavigate }: { answer: AnswerState; onAsk: (q: string) => void; onNavigate: () => void }) {
  return (
    <div className="ask-answer">
      {answer.text ? <p className="ask-model-text">{withCitations(answer.text, answer.sources, onNavigate)}</p> : null}
      {answer.notices.map((n, i) => (
        <p key={i} className="ask-notice">
          {n}
        </p>
      ))}
      {answer.parts?.map((part) => (
        <div key={part.href} className="ask-part">
          <p className="ask-part-source">
            From{" "}
            <a href={part.href} onClick={onNavigate}>
              {part.heading}
            </a>
            <span className="muted"> · {part.chapterTitle}</span>
          </p>
          {part.quotes.map((q, i) =>
            // The server renders each quote from the course's own Markdown (raw HTML dropped, math
            // typeset with KaTeX); older answers without HTML show the plain text.
            part.html?.[i] ? (
              <blockquote key={i} dangerouslySetInnerHTML={{ __html: part.html[i] }} />
            ) : (
              <blockquote key={i}>{q}</blockquote>
            ),
          )}
        </div>
      ))}
      {answer.mode === "model" && answer.sources.length && answer.done ? (
        <p className="ask-sources">
          Sources:{" "}
          {answer.sources.map((s, i) => (
            <span key={s.href}>
              {i ? " · " : ""}
              <a href={s.href} onClick={onNavigate}>
                {s.heading}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {answer.notCovered ? (
        <div className="ask-not-covered">
          <p>The course does not cover this, so I cannot answer it from the course text. Questions I can answer:</p>
          <ul>
            {answer.notCovered.map((s) => (
              <li key={s}>
                <button type="button" className="ask-suggestion" onClick={() => onAsk(s)}>
                  {s}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {answer.error ? <p className="form-error">{answer.error}</p> : null}
      {!answer.done && !answer.error ? <p className="muted ask-thinking">Looking in the course…</p> : null}
    </div>
  );
}
