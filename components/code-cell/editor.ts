// CodeMirror 6 editor for code cells. Loaded lazily (it is not part of the page's first JS).
// The type checker (./typescript/checker) loads later still: on the first focus or edit.
import { javascript } from "@codemirror/lang-javascript";
import { syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorSelection, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import type { TypeProblem } from "./output";

export type EditorHandle = {
  setDoc(text: string): void;
  /** Soft-wraps long lines (phones) or lets them scroll sideways. */
  setWrap(wrap: boolean): void;
  goToLine(line: number): void;
  /** Focuses the editor with the caret at `offset` (taking over focus from the static listing). */
  focusAt(offset: number): void;
  /** The code's type errors, or null when the checker was never started (nothing was edited). */
  typeErrors(): Promise<TypeProblem[] | null>;
  destroy(): void;
};

const loadChecker = () => import("./typescript/checker").then((m) => m.loadChecker());

export function mountEditor(
  parent: HTMLElement,
  doc: string,
  {
    onChange,
    onRun,
    label,
    typescript,
  }: {
    onChange: (code: string) => void;
    onRun: () => void;
    label: string;
    /** The cell's file for the type checker; `now` starts it at once (e.g. restored edits). */
    typescript?: { path: string; now?: boolean };
  },
): EditorHandle {
  const checkerSlot = new Compartment();
  const wrapSlot = new Compartment();
  let checker: ReturnType<typeof loadChecker> | null = null;
  let destroyed = false;
  const startChecker = () => {
    if (checker || !typescript) return;
    checker = loadChecker();
    checker.then(
      (c) => destroyed || view.dispatch({ effects: checkerSlot.reconfigure(c.attach(typescript.path, view.state.doc.toString())) }),
      () => (checker = null), // e.g. offline: editing still works, the next focus retries
    );
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        javascript({ typescript: true }),
        // tok-* classes, coloured by our CSS for light and dark themes.
        syntaxHighlighting(classHighlighter),
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }])),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
          if (update.docChanged || update.focusChanged) startChecker();
        }),
        checkerSlot.of([]),
        wrapSlot.of([]),
        // An explicit tabindex on the (already focusable) content: axe counts only that as a
        // keyboard way into the scroller, which scrolls sideways for long lines.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
      ],
    }),
  });
  if (typescript?.now) startChecker();
  return {
    setDoc(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setWrap(wrap) {
      view.dispatch({ effects: wrapSlot.reconfigure(wrap ? EditorView.lineWrapping : []) });
    },
    goToLine(line) {
      const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      view.dispatch({ selection: EditorSelection.range(target.from, target.to), scrollIntoView: true });
      view.focus();
    },
    focusAt(offset) {
      view.dispatch({ selection: EditorSelection.cursor(Math.min(Math.max(offset, 0), view.state.doc.length)) });
      view.focus();
    },
    async typeErrors() {
      if (!checker || !typescript) return null;
      return (await checker).typeErrors(typescript.path, view.state.doc);
    },
    destroy() {
      destroyed = true;
      view.destroy();
    },
  };
}
