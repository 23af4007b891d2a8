"use client";
// The "Ask AI" panel: suggested prompts, a chat answered from the course (or by a configured
// model from the course), and questions about a failing code cell. A side panel on wide
// screens, a drawer on narrow ones; collapsed until the learner opens it. The conversation is
// kept per chapter in this browser (./history.ts) and scrolls to each answer as it arrives.
import "./ask.css";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { AskConfigView, AskEvent } from "@/lib/ask/types";
import { Answer, type AnswerState } from "./Answer";
import { onAskAboutError, type AskAttachment } from "./events";
import type { Exchange } from "./history";
import { streamAnswer } from "./stream";

type History = typeof import("./history");

/** Has the answer anything to show yet (a quote, model text, "not covered", an error)? */
const arrived = (a: AnswerState) => Boolean(a.parts?.length || a.text || a.notCovered || a.error || a.notices.length);

/** Scrolls the log so that the exchange starts at its top (at once if the learner prefers less motion). */
function scrollToExchange(log: HTMLElement, exchange: HTMLElement, instant = false) {
  const reduce = instant || window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const top = exchange.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
  log.scrollTo({ top: Math.max(0, top - 8), behavior: reduce ? "auto" : "smooth" });
}

const QUESTION_MAX = 1_000;

function reduce(answer: AnswerState, event: AskEvent): AnswerState {
  switch (event.type) {
    case "meta":
      return { ...answer, mode: event.mode, sources: event.sources };
    case "delta":
      return { ...answer, text: answer.text + event.text };
    case "course-answer":
      return { ...answer, parts: event.parts };
    case "not-covered":
      return { ...answer, notCovered: event.suggestions };
    case "notice":
      return { ...answer, notices: [...answer.notices, event.text] };
    case "done":
      return { ...answer, done: true };
  }
}

export function AskPanel({ chapterId, revision, prompts }: { chapterId: string; revision: string; prompts: string[] }) {
  const [open, setOpen] = useState(false);
  const [config, setConfig] = useState<AskConfigView | null>(null);
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [question, setQuestion] = useState("");
  const [attachment, setAttachment] = useState<AskAttachment | undefined>();
  const [busy, setBusy] = useState(false);
  const launcher = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);
  const counter = useRef(0);
  const titleId = useId();
  // The history module (with zod) is loaded when the panel first opens; until then nothing is kept.
  const [history, setHistory] = useState<History | null>(null);
  /** Exchanges already scrolled to (each answer is scrolled to once, when it arrives). */
  const scrolled = useRef(new Set<number>());
  /** A kept conversation was just put back: scroll to its end once it is on screen. */
  const restored = useRef(false);

  const show = useCallback(() => {
    setOpen(true);
    requestAnimationFrame(() => input.current?.focus());
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    launcher.current?.focus();
  }, []);

  // How answers are made (course text or a model) is asked once, when the panel first opens.
  useEffect(() => {
    if (!open || config) return;
    void fetch("/api/ask", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<AskConfigView>) : { mode: "course" as const }))
      .then(setConfig)
      .catch(() => setConfig({ mode: "course" }));
  }, [open, config]);

  // The chapter's kept conversation comes back when the panel first opens (after a reload too).
  useEffect(() => {
    if (!open || history) return;
    let live = true;
    void import("./history").then((h) => {
      if (!live) return;
      const kept = h.readHistory(window.localStorage, chapterId);
      if (kept.length) {
        counter.current = Math.max(counter.current, ...kept.map((x) => x.id));
        for (const x of kept) scrolled.current.add(x.id);
        restored.current = true;
        setExchanges((xs) => [...kept, ...xs]);
      }
      setHistory(h);
    });
    return () => {
      live = false;
    };
  }, [open, history, chapterId]);

  // Keep the conversation once no answer is streaming (only finished exchanges are kept).
  useEffect(() => {
    if (!history || exchanges.some((x) => !x.answer.done)) return;
    history.writeHistory(window.localStorage, chapterId, exchanges);
  }, [history, exchanges, chapterId]);

  // Scroll to each new answer as it arrives, once; after restoring a kept conversation, show its
  // latest exchange at once (that is where the learner left off).
  useEffect(() => {
    const container = log.current;
    if (!container) return;
    if (restored.current) {
      restored.current = false;
      const all = container.querySelectorAll<HTMLElement>(".ask-exchange");
      const last = all[all.length - 1];
      if (last) scrollToExchange(container, last, true);
    }
    for (const x of exchanges) {
      if (scrolled.current.has(x.id) || !arrived(x.answer)) continue;
      scrolled.current.add(x.id);
      const element = container.querySelector<HTMLElement>(`[data-exchange="${x.id}"]`);
      if (element) scrollToExchange(container, element);
    }
  }, [exchanges]);

  // "Ask AI about this error" from a code cell: open with the cell attached (shown before sending).
  useEffect(
    () =>
      onAskAboutError((a) => {
        setAttachment(a);
        setQuestion((q) => q || "Why does this code fail, and how do I fix it?");
        show();
      }),
    [show],
  );

  async function ask(text: string) {
    const q = text.trim();
    if (q.length < 3 || busy) return;
    const id = ++counter.current;
    const sent = attachment;
    setExchanges((xs) => [...xs, { id, question: q, attachment: sent, answer: { sources: [], text: "", notices: [], done: false } }]);
    setQuestion("");
    setAttachment(undefined);
    setBusy(true);
    abort.current = new AbortController();
    const update = (fn: (a: AnswerState) => AnswerState) =>
      setExchanges((xs) => xs.map((x) => (x.id === id ? { ...x, answer: fn(x.answer) } : x)));
    const error = await streamAnswer(
      { chapterId, revision, question: q, attachment: sent },
      (event) => update((a) => reduce(a, event)),
      abort.current.signal,
    );
    if (error) update((a) => ({ ...a, error, done: true }));
    setBusy(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void ask(question);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void ask(question);
    }
  }

  function clearConversation() {
    abort.current?.abort();
    setExchanges([]);
    scrolled.current.clear();
    history?.writeHistory(window.localStorage, chapterId, []);
    setAttachment(undefined);
    setQuestion("");
    setBusy(false);
    input.current?.focus();
  }

  // On a phone the drawer covers the lesson: close it when a section link is followed.
  const onNavigate = () => {
    if (window.matchMedia("(max-width: 48rem)").matches) setOpen(false);
  };

  return (
    <>
      <button
        ref={launcher}
        type="button"
        className="ask-launcher"
        aria-expanded={open}
        aria-controls="ask-panel"
        onClick={() => (open ? close() : show())}
      >
        Ask AI
      </button>
      <aside id="ask-panel" className="ask-panel" aria-labelledby={titleId} hidden={!open} onKeyDown={(e) => e.key === "Escape" && close()}>
        <div className="ask-header">
          <h2 id={titleId}>Ask AI</h2>
          <button type="button" onClick={clearConversation} disabled={exchanges.length === 0 && !attachment}>
            Clear conversation
          </button>
          <button type="button" onClick={close} aria-label="Close Ask AI">
            ✕
          </button>
        </div>
        <p className="ask-mode">
          {config?.mode === "model"
            ? `Answers are written by a language model (${config.model}) from this course's text, with links to the sections used.`
            : "Answers come from the course text: the most relevant passages, quoted, with links. No language model is configured."}
        </p>
        <div ref={log} className="ask-log" role="log" aria-live="polite" aria-label="Conversation">
          {exchanges.length === 0 ? (
            <div className="ask-empty">
              <p>Ask anything about this chapter, or try one of these:</p>
              <ul>
                {prompts.map((p) => (
                  <li key={p}>
                    <button type="button" className="ask-suggestion" onClick={() => void ask(p)} disabled={busy}>
                      {p}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {exchanges.map((x) => (
            <div key={x.id} className="ask-exchange" data-exchange={x.id}>
              <p className="ask-question">{x.question}</p>
              {x.attachment ? <p className="ask-attached">With the code of “{x.attachment.cellTitle}” and its error.</p> : null}
              <Answer answer={x.answer} onAsk={(q) => void ask(q)} onNavigate={onNavigate} />
            </div>
          ))}
        </div>
        <form className="ask-form" onSubmit={submit}>
          {attachment ? (
            <div className="ask-attachment">
              <p>
                Attached: the code of “{attachment.cellTitle}” and its error{" "}
                <button type="button" onClick={() => setAttachment(undefined)}>
                  Remove
                </button>
              </p>
              <pre className="ask-attachment-error">{attachment.error}</pre>
              <details>
                <summary>Code that will be sent</summary>
                <pre>{attachment.code}</pre>
              </details>
            </div>
          ) : null}
          <label htmlFor="ask-input" className="sr-only">
            Your question
          </label>
          <textarea
            id="ask-input"
            ref={input}
            value={question}
            maxLength={QUESTION_MAX}
            rows={2}
            placeholder="Ask a question about this chapter…"
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button" disabled={busy || question.trim().length < 3}>
            {busy ? "Answering…" : "Ask"}
          </button>
        </form>
      </aside>
    </>
  );
}
