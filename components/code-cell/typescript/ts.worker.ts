// The cells' TypeScript language service, in a worker of its own (the app's origin; it only
// reads code, it never runs it). Bundled by scripts/build-runner.mjs into public/runner/ts/worker.js
// and started by ./checker.ts the first time a learner focuses or edits a cell. Declarations come
// from types.json beside it (built from lib/runner/cell-modules.json).
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import { createWorker } from "@valtown/codemirror-ts/worker";
import * as Comlink from "comlink";
import ts from "typescript";
import type { TypeProblem } from "../output";

type TypesBundle = { files: Record<string, string>; compilerOptions: Record<string, unknown> };

async function environment(): Promise<VirtualTypeScriptEnvironment> {
  const response = await fetch(new URL("types.json", self.location.href));
  if (!response.ok) throw new Error(`types.json: HTTP ${response.status}`);
  const bundle = (await response.json()) as TypesBundle;
  const { options, errors } = ts.convertCompilerOptionsFromJson(bundle.compilerOptions, "/");
  const [error] = errors;
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const env = createVirtualTypeScriptEnvironment(createSystem(new Map(Object.entries(bundle.files))), [], ts, options);
  // Load tfjs's declarations now, not on the learner's first keystroke.
  env.createFile("/warm.ts", 'import * as tf from "@tensorflow/tfjs";\ntf.layers.dense({ units: 1 });\n');
  env.languageService.getSemanticDiagnostics("/warm.ts");
  return env;
}

const base = createWorker(environment);

function problems(path: string): ts.Diagnostic[] {
  const env = base.getEnv();
  if (!env?.getSourceFile(path)) return [];
  return [...env.languageService.getSyntacticDiagnostics(path), ...env.languageService.getSemanticDiagnostics(path)].filter(
    (d) => d.category === ts.DiagnosticCategory.Error && d.start !== undefined,
  );
}

const api = {
  ...base,
  /** Diagnostics for the editor's underlines, with the whole message chain (not only its head). */
  getLints({ path }: { path: string; diagnosticCodesToIgnore?: number[] }) {
    return problems(path).map((d) => ({
      from: d.start!,
      to: d.start! + (d.length ?? 0),
      severity: "error" as const,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      source: `TS${d.code}`,
    }));
  },
  /** The type errors of a cell's code, at 1-based lines and columns, for the Run output. */
  typeErrors({ path, code }: { path: string; code: string }): TypeProblem[] {
    // Usually the editor has synced this code already: then the checker's cached answer is
    // reused (re-checking costs CPU that the run, on software WebGL, competes for).
    if (base.getEnv()?.getSourceFile(path)?.text !== code) base.updateFile({ path, code });
    return problems(path).map((d) => {
      const at = d.file!.getLineAndCharacterOfPosition(d.start!);
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n").replace(/\n\s*/g, " ");
      return { line: at.line + 1, column: at.character + 1, message, code: d.code };
    });
  },
};

export type CheckerApi = typeof api;

Comlink.expose(api);
