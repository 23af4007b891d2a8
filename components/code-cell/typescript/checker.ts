// Page side of the cells' type checker: starts the TypeScript worker once per page and gives
// CodeMirror its extensions: underlines, completion, hover. The worker answers with
// @valtown/codemirror-ts's functions; this side is a few lines of our own because the package's
// client entry re-exports modules that import `typescript` itself, which would pull 3.4 MB of
// compiler into the page's bundle next to the worker's copy.
// Imported lazily by ../editor.ts on a learner's first focus or edit, never in the first load.
import { autocompletion, type CompletionResult } from "@codemirror/autocomplete";
import { linter, type Diagnostic } from "@codemirror/lint";
import type { Extension, Text } from "@codemirror/state";
import { EditorView, hoverTooltip } from "@codemirror/view";
import * as Comlink from "comlink";
import type { TypeProblem } from "../output";
import { renderHover } from "./hover";
import type { CheckerApi } from "./ts.worker";

const WORKER_URL = "/runner/ts/worker.js";

export type Checker = {
  /** CodeMirror extensions for the cell whose virtual file is `path`; sends it the current code. */
  attach(path: string, code: string): Extension;
  /** Type errors of `doc`: the editor's last lint when it was of this very text, else the worker's. */
  typeErrors(path: string, doc: Text): Promise<TypeProblem[]>;
};

/** A lint result as the worker's getLints gives it (`source` is "TS2322"). */
type Lint = { from: number; severity: string; message: string; source: string };

function toProblem(doc: Text, lint: Lint): TypeProblem {
  const line = doc.lineAt(lint.from);
  return {
    line: line.number,
    column: lint.from - line.from + 1,
    message: lint.message.replace(/\n\s*/g, " "),
    code: Number(lint.source.slice(2)),
  };
}

let checker: Promise<Checker> | undefined;

/** Starts the worker (once per page) and resolves when tfjs's declarations are loaded. */
export function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const remote = Comlink.wrap<CheckerApi>(new Worker(WORKER_URL, { name: "typescript" }));
    await remote.initialize();
    const linted = new Map<string, { doc: Text; lints: Lint[] }>();
    return {
      attach(path, code) {
        void remote.updateFile({ path, code });
        return [
          EditorView.editorAttributes.of({ "data-typescript": "ready" }),
          // Calls to the worker are answered in order: an edit reaches it before the next lint.
          EditorView.updateListener.of((update) => {
            if (update.docChanged) void remote.updateFile({ path, code: update.state.doc.toString() });
          }),
          linter(
            async (view): Promise<readonly Diagnostic[]> => {
              const doc = view.state.doc;
              const lints = await remote.getLints({ path });
              linted.set(path, { doc, lints });
              return lints;
            },
            { delay: 300 },
          ),
          autocompletion({
            override: [
              async (context) =>
                (await remote.getAutocompletion({
                  path,
                  context: { pos: context.pos, explicit: context.explicit },
                })) as CompletionResult | null,
            ],
          }),
          hoverTooltip(async (_view, pos) => {
            const hover = await remote.getHover({ path, pos });
            return hover ? { pos: hover.start, end: hover.end, create: () => renderHover(hover) } : null;
          }),
        ];
      },
      // Run asks right when the run starts: answering from the last lint keeps the checker's
      // CPU out of the run's way (on software WebGL they share the same cores).
      async typeErrors(path, doc) {
        const last = linted.get(path);
        return last?.doc === doc ? last.lints.map((l) => toProblem(doc, l)) : remote.typeErrors({ path, code: doc.toString() });
      },
    };
  })();
  checker.catch(() => (checker = undefined));
  return checker;
}
