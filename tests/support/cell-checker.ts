// The cells' type checker in a test: the declarations the build ships (scripts/cell-types.mjs) for
// the given course libraries, in the same language service setup as the browser worker.
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import ts from "typescript";
import { buildCellTypes, readCellModules } from "../../scripts/cell-types.mjs";

/** Builds the checker before the file's tests (slow: a TypeScript program over tfjs's types). */
export function setUpCellChecker(libraries: { id: string; file: string }[]) {
  let env: VirtualTypeScriptEnvironment | undefined;
  let n = 0;
  beforeAll(() => {
    const bundle = buildCellTypes(readCellModules(libraries));
    const { options, errors } = ts.convertCompilerOptionsFromJson(bundle.compilerOptions, "/");
    expect(errors).toEqual([]);
    env = createVirtualTypeScriptEnvironment(createSystem(new Map(Object.entries(bundle.files))), [], ts, options);
  }, 120_000);
  const service = () => env!.languageService;
  return {
    service,
    /** Checks code as a new cell file: the file, and its errors as "TS<code>: <message>". */
    check(code: string) {
      const file = `/cells/check-${++n}.ts`;
      env!.createFile(file, code);
      const diagnostics = [...service().getSyntacticDiagnostics(file), ...service().getSemanticDiagnostics(file)];
      return { file, errors: diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`) };
    },
  };
}
