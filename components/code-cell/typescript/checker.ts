// Page side of the cells' type checker: starts the TypeScript worker once per page and gives
// CodeMirror its extensions (underlines, completion, hover) through @valtown/codemirror-ts.
// Imported lazily by ../editor.ts on a learner's first focus or edit, never in the first load.
import { autocompletion } from "@codemirror/autocomplete";
import { linter, type Diagnostic } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";
import { tsAutocompleteWorker, tsFacetWorker, tsHoverWorker, tsSyncWorker } from "@valtown/codemirror-ts";
import type { WorkerShape } from "@valtown/codemirror-ts/worker";
import * as Comlink from "comlink";
import type { TypeProblem } from "../output";
import { renderHover } from "./hover";
import type { CheckerApi } from "./ts.worker";

const WORKER_URL = "/runner/ts/worker.js";

export type Checker = {
  /** CodeMirror extensions for the cell whose virtual file is `path`. */
  extensions(path: string): Extension;
  typeErrors(path: string, code: string): Promise<TypeProblem[]>;
};

let checker: Promise<Checker> | undefined;

/** Starts the worker (once per page) and resolves when tfjs's declarations are loaded. */
export function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const remote = Comlink.wrap<CheckerApi>(new Worker(WORKER_URL, { name: "typescript" }));
    await remote.initialize();
    // The integration's worker API, with our getLints (whole message chains) in it.
    const worker = remote as unknown as WorkerShape;
    return {
      extensions: (path) => [
        tsFacetWorker.of({ worker, path }),
        tsSyncWorker(),
        linter(async (): Promise<readonly Diagnostic[]> => remote.getLints({ path }), { delay: 300 }),
        autocompletion({ override: [tsAutocompleteWorker()] }),
        tsHoverWorker({ renderTooltip: renderHover }),
      ],
      typeErrors: (path, code) => remote.typeErrors({ path, code }),
    };
  })();
  checker.catch(() => (checker = undefined));
  return checker;
}
