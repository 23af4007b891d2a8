"use client";
// A runnable TypeScript cell: editor, Run/Stop/Reset/Copy, output, and the learner's settings
// (time limit, seed, line wrapping). The editor and the runner (sandbox + tfjs) load lazily when
// the cell comes into view or gets focus. Exercises wrap it (components/exercise).
import "./code-cell.css";
import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from "react";
import { flushSync } from "react-dom";
import type { CellProps } from "@/lib/content/cells";
import { askAboutError } from "@/components/ask/events";
import type { EditorHandle } from "./editor";
import { Chart } from "@/components/charts/Chart";
import { applyChartEvent, NO_CHARTS, type CellCharts, type ChartEvent } from "./charts";
import { linesFor, typeErrorLines, type OutputLine } from "./output";
import { CellSettings, readWrap } from "./CellSettings";
import type { Verdict } from "@/lib/check";

/** What an exercise can do with its cell. */
export type CellControl = { getCode(): string; setCode(code: string): void };

type Props = CellProps & {
  chapterId: string;
  revision: string;
  /** A run ended (`verdict`: the check's, if the code ran one). */
  onRunEnd?: (result: { ok: boolean; verdict: Verdict | null }) => void;
  control?: Ref<CellControl>;
  /** Shown between the header and the editor (an exercise's solution note). */
  notice?: ReactNode;
  /** Under the output (an exercise's verdict). */
  children?: ReactNode;
  /** Record a finished run as progress (cells); an exercise records its passes instead. */
  recordRuns?: boolean;
};

const loadRunner = () => import("@/lib/runner/client").then((m) => m.getRunner());

function readSaved(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: edits are simply not kept
  }
}

function writeSaved(key: string, code: string | null) {
  try {
    if (code === null) localStorage.removeItem(key);
    else localStorage.setItem(key, code);
  } catch {
    // storage full or disabled
  }
}

export function CodeCell({
  id,
  code: original,
  title,
  seed,
  timeoutSeconds,
  chapterId,
  revision,
  onRunEnd,
  control,
  notice,
  children,
  recordRuns = true,
}: Props) {
  const storageKey = `lbr:cell:${chapterId}:${id}:${revision}`;
  // The learner's settings for this cell: a longer time limit, a new seed, wrapped lines.
  const [timeLimit, setTimeLimit] = useState(timeoutSeconds);
  const [runSeed, setRunSeed] = useState(seed);
  const [wrap, setWrap] = useState(false);
  /** The code the output on screen came from (null: no output yet); edited since → stale. */
  const [ranCode, setRanCode] = useState<string | null>(null);
  const [code, setCode] = useState(original);
  const [restored, setRestored] = useState(false);
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState("");
  const [output, setOutput] = useState<OutputLine[]>([]);
  const [charts, setCharts] = useState<CellCharts>(NO_CHARTS);
  const [typeErrors, setTypeErrors] = useState<OutputLine[]>([]);
  const runCount = useRef(0);
  const [editorReady, setEditorReady] = useState(false);
  const rootRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLPreElement>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);
  const stopButtonRef = useRef<HTMLButtonElement>(null);
  /** Run and Stop disable each other: the one to focus once the swap is rendered, if focus was on the other. */
  const focusNext = useRef<HTMLButtonElement | null>(null);
  const editorRef = useRef<EditorHandle | null>(null);
  /** Stops this cell's current run, whether it runs, waits for the runner to start or behind another cell. */
  const stopRef = useRef<AbortController | null>(null);
  const codeRef = useRef(code);
  const titleId = useId().replace(/:/g, "");
  const label = title ?? "Code cell";

  const updateCode = useCallback(
    (next: string) => {
      codeRef.current = next;
      setCode(next);
      writeSaved(storageKey, next === original ? null : next);
    },
    [original, storageKey],
  );

  const run = useCallback(async () => {
    // One run per cell (Ctrl+Enter in the editor while it runs does nothing, like the disabled Run).
    if (stopRef.current) return;
    const controller = new AbortController();
    stopRef.current = controller;
    const runner = await loadRunner().catch(() => null);
    if (!runner) {
      stopRef.current = null;
      setStatus("The code runner could not be loaded. Check your connection, then Run again.");
      return;
    }
    // Run disables itself: a keyboard user on it lands on Stop, not on <body>.
    if (document.activeElement === runButtonRef.current) focusNext.current = stopButtonRef.current;
    setRunning(true);
    setOutput([]);
    setCharts(NO_CHARTS);
    setRanCode(codeRef.current);
    let verdict: Verdict | null = null;
    let ranOk = false;
    // Type errors show above the output; the run never waits for them.
    const thisRun = ++runCount.current;
    setTypeErrors([]);
    void editorRef.current?.typeErrors().then(
      (problems) => problems && thisRun === runCount.current && setTypeErrors(typeErrorLines(problems)),
      () => undefined,
    );
    setStatus(runner.backend ? "Running…" : "Starting TensorFlow.js…");
    // The frame sends output in batches; the events of one batch arrive in one task. Collect
    // them and update the page once per batch (a microtask later), not once per line.
    let lines: OutputLine[] = [];
    let chartEvents: ChartEvent[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const newLines = lines;
      const newCharts = chartEvents;
      lines = [];
      chartEvents = [];
      if (newLines.length) setOutput((previous) => [...previous, ...newLines]);
      if (newCharts.length) setCharts((previous) => newCharts.reduce(applyChartEvent, previous));
    };
    try {
      await runner.run({
        code: codeRef.current,
        seed: runSeed,
        timeoutMs: timeLimit * 1000,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === "status") setStatus(event.text);
          if (event.type === "backend") setStatus("Running…");
          if (event.type === "chart" || event.type === "chart-append") chartEvents.push(event);
          if (event.type === "check") {
            verdict = { ok: event.ok, messages: event.messages };
          }
          lines.push(...linesFor(event, timeLimit));
          if (!scheduled) {
            scheduled = true;
            queueMicrotask(flush);
          }
          // Progress: the learner ran this cell (recorded once it ran to the end without an error).
          if (event.type === "done") ranOk = event.ok;
          if (event.type === "done" && event.ok && recordRuns) {
            void fetch("/api/progress/cells", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ chapterId, revision, cellId: id }),
            }).catch(() => undefined);
          }
        },
      });
    } finally {
      // …and back on Run when the run ends (Stop disables itself), however it ended.
      if (document.activeElement === stopButtonRef.current) focusNext.current = runButtonRef.current;
      stopRef.current = null;
      setRunning(false);
      setStatus("");
      onRunEnd?.({ ok: ranOk, verdict });
    }
  }, [runSeed, timeLimit, chapterId, revision, id, onRunEnd, recordRuns]);

  useImperativeHandle(
    control,
    () => ({
      getCode: () => codeRef.current,
      setCode: (next: string) => {
        updateCode(next);
        editorRef.current?.setDoc(next);
      },
    }),
    [updateCode],
  );

  // Line wrapping is one setting for every cell (phones need it), kept in this browser.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    setWrap(readWrap());
    const onChange = (e: Event) => setWrap((e as CustomEvent<boolean>).detail);
    window.addEventListener("lbr:wrap", onChange);
    return () => window.removeEventListener("lbr:wrap", onChange);
  }, []);
  useEffect(() => editorRef.current?.setWrap(wrap), [wrap, editorReady]);

  useLayoutEffect(() => {
    focusNext.current?.focus();
    focusNext.current = null;
  }, [running]);

  const runRef = useRef(run);
  // eslint-disable-next-line react-hooks/refs -- the latest run() for the editor's Run command, read only when it fires
  runRef.current = run;

  // Restore the learner's edits for this revision of the chapter (never run them automatically).
  useEffect(() => {
    const saved = readSaved(storageKey);
    if (saved !== null && saved !== original) {
      codeRef.current = saved;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration; the server's HTML has the original code
      setCode(saved);
      setRestored(true);
    }
  }, [storageKey, original]);

  // Load the editor and warm the runner once the cell is near the viewport or focused.
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let started = false;
    let cancelled = false;
    const start = () => {
      if (started) return;
      started = true;
      void loadRunner().then((r) => r.warm());
      void import("./editor").then(({ mountEditor }) => {
        if (cancelled || !hostRef.current) return;
        editorRef.current = mountEditor(hostRef.current, codeRef.current, {
          label: `Code editor: ${label}`,
          onChange: (next) => updateCode(next),
          onRun: () => void runRef.current(),
          typescript: { path: `/cells/${id}.ts`, now: codeRef.current !== original },
        });
        // The static listing goes in this same task: on screen together for a frame, listing and
        // editor made the cell twice as tall and moved everything below. If the learner is in the
        // listing, the editor takes over focus and caret (focus must never fall to <body>).
        const listing = staticRef.current;
        const caret = listing && listing.contains(document.activeElement) ? caretOffset(listing) : null;
        flushSync(() => setEditorReady(true));
        if (caret !== null) editorRef.current.focusAt(caret);
      });
    };
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: "300px" });
    observer.observe(root);
    root.addEventListener("focusin", start);
    // Focus that came before hydration (a learner tabbing in while the page's scripts load)
    // fired no focusin this listener could see.
    if (root.contains(document.activeElement)) start();
    return () => {
      cancelled = true;
      observer.disconnect();
      root.removeEventListener("focusin", start);
      editorRef.current?.destroy();
      editorRef.current = null;
    };
  }, [label, updateCode, id, original]);

  function stop() {
    stopRef.current?.abort();
  }

  const stale = !running && ranCode !== null && ranCode !== code && output.length + typeErrors.length + charts.charts.length > 0;

  // A run still going when the cell leaves the page (client navigation) is stopped.
  useEffect(() => () => stopRef.current?.abort(), []);

  function reset() {
    stop(); // a run still going would print into the cleared output
    updateCode(original);
    editorRef.current?.setDoc(original);
    setRestored(false);
    runCount.current += 1;
    setOutput([]);
    setTypeErrors([]);
    setCharts(NO_CHARTS);
    setRanCode(null);
    setStatus("Restored the original code.");
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(codeRef.current);
      setStatus("Code copied to the clipboard.");
    } catch {
      setStatus("Copying is not allowed here; select the code and copy it by hand.");
    }
  }

  return (
    <section ref={rootRef} className="cell" aria-labelledby={titleId} data-cell-id={id}>
      <div className="cell-header">
        <p id={titleId} className="cell-title">
          {label}
        </p>
        <div className="cell-toolbar">
          <button
            ref={runButtonRef}
            type="button"
            onClick={() => void run()}
            disabled={running}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title="Run (Ctrl+Enter)"
            aria-label={`Run ${label}`}
          >
            Run
          </button>
          <button ref={stopButtonRef} type="button" onClick={stop} disabled={!running} aria-label={`Stop ${label}`}>
            Stop
          </button>
          <button type="button" onClick={reset} aria-label={`Reset ${label}`}>
            Reset
          </button>
          <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
            Copy
          </button>
        </div>
      </div>
      {restored ? <p className="cell-note">Your edits from last time are restored. Reset brings back the original code.</p> : null}
      {notice}
      <div ref={hostRef} className="cell-editor" />
      {editorReady ? null : (
        <pre ref={staticRef} className="cell-static" data-wrap={wrap} tabIndex={0} role="region" aria-label={`Code: ${label}`}>
          <code>{code}</code>
        </pre>
      )}
      <CellSettings
        label={label}
        timeLimit={timeLimit}
        defaultTimeLimit={timeoutSeconds}
        onTimeLimit={setTimeLimit}
        seed={runSeed}
        defaultSeed={seed}
        onSeed={setRunSeed}
        wrap={wrap}
        disabled={running}
      />
      <p role="status" className="cell-status">
        {status}
      </p>
      {stale ? (
        <p className="cell-stale" id={`${titleId}-stale`}>
          The output below is from an earlier version of the code. Run to update it.
        </p>
      ) : null}
      {/* Wide output scrolls inside this box; it is focusable so keyboard users can scroll it. */}
      <div
        role="log"
        aria-label="Output"
        aria-live="polite"
        className="cell-output"
        data-empty={output.length + typeErrors.length === 0}
        data-stale={stale}
        aria-describedby={stale ? `${titleId}-stale` : undefined}
        tabIndex={output.length + typeErrors.length === 0 ? undefined : 0}
      >
        {[...typeErrors, ...output].map((line, i) => (
          <div key={i} className={`cell-line cell-${line.kind}`}>
            <span className="cell-text">
              {line.text}
              {line.hint ? <span className="cell-hint">{line.hint}</span> : null}
            </span>
            {line.kind === "error" || line.kind === "type" ? (
              <span className="cell-line-actions">
                {line.line ? (
                  <button type="button" className="cell-goto" onClick={() => editorRef.current?.goToLine(line.line!)}>
                    Go to line {line.line}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="cell-goto"
                  onClick={() => askAboutError({ cellTitle: label, code: codeRef.current, error: line.text })}
                >
                  Ask AI about this error
                </button>
              </span>
            ) : null}
          </div>
        ))}
      </div>
      {charts.charts.length > 0 ? (
        <div className="cell-charts">
          {charts.charts.map((c) => (
            <Chart key={c.id} spec={c.spec} />
          ))}
          {charts.capped ? <p className="cell-note">{charts.capped}</p> : null}
        </div>
      ) : null}
      {children ? (
        <div className="cell-after" data-stale={stale}>
          {children}
        </div>
      ) : null}
    </section>
  );
}

/** Where the caret is inside `element`'s text (0 when the selection is elsewhere). */
function caretOffset(element: HTMLElement): number {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || !element.contains(selection.anchorNode)) return 0;
  const range = document.createRange();
  range.selectNodeContents(element);
  range.setEnd(selection.anchorNode!, selection.anchorOffset);
  return range.toString().length;
}
