// CodeMirror 6 editor for code cells. Loaded lazily (it is not part of the page's first JS).
import { javascript } from "@codemirror/lang-javascript";
import { syntaxHighlighting } from "@codemirror/language";
import { EditorSelection, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { basicSetup } from "codemirror";

export type EditorHandle = {
  setDoc(text: string): void;
  goToLine(line: number): void;
  destroy(): void;
};

export function mountEditor(
  parent: HTMLElement,
  doc: string,
  { onChange, onRun, label }: { onChange: (code: string) => void; onRun: () => void; label: string },
): EditorHandle {
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
        }),
        EditorView.contentAttributes.of({ "aria-label": label }),
      ],
    }),
  });
  return {
    setDoc(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    goToLine(line) {
      const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      view.dispatch({ selection: EditorSelection.range(target.from, target.to), scrollIntoView: true });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
