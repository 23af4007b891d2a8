// The declarations the cells' type checker needs (decision 0131).
// @ts-check
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "..");

/** In tsconfig form. */
export const CELL_COMPILER_OPTIONS = {
  target: "es2022",
  module: "esnext",
  moduleResolution: "bundler",
  // tfjs's declarations name DOM types.
  lib: ["es2022", "dom"],
  strict: true,
  // Each cell is a module: top-level await, no name clashes.
  moduleDetection: "force",
  skipLibCheck: true,
  noEmit: true,
  esModuleInterop: true,
  types: [],
};

/**
 * @param {{ id: string; file: string }[]} courseLibraries
 * @returns {CellModule[]}
 */
export function readCellModules(courseLibraries = []) {
  const file = path.join(ROOT, "lib/runner/cell-modules.json");
  /** @type {CellModule[]} */
  const platform = JSON.parse(fs.readFileSync(file, "utf8")).modules;
  return [...platform, ...courseLibraries.map((l) => ({ id: l.id, source: path.relative(ROOT, l.file).split(path.sep).join("/") }))];
}

/** @typedef {{ id: string; package?: string; source?: string }} CellModule */

/** @param {string} source */
const declarationPath = (source) => `/${source.replace(/\.tsx?$/, ".d.ts")}`;

/** @param {Record<string, unknown>} json  compiler options in tsconfig form */
function parseOptions(json) {
  const { options, errors } = ts.convertCompilerOptionsFromJson(json, ROOT);
  const [error] = errors;
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return options;
}

/** @param {CellModule[]} modules */
function pathsFor(modules) {
  return Object.fromEntries(modules.flatMap((m) => (m.source ? [[m.id, [declarationPath(m.source)]]] : [])));
}

/**
 * "@/lib/…" imports made relative: in the checker our sources are plain files.
 * @param {string} file
 * @param {string} text
 */
function withRelativeImports(file, text) {
  return text.replace(
    /(\bfrom\s+|\bimport\(\s*)(["'])@\/([^"']+)\2/g,
    (_m, /** @type {string} */ before, /** @type {string} */ quote, /** @type {string} */ target) => {
      const relative = path.posix.relative(path.posix.dirname(file), `/${target}`);
      return `${before}${quote}${relative.startsWith(".") ? relative : `./${relative}`}${quote}`;
    },
  );
}

/** @type {ts.FormatDiagnosticsHost} */
const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" };

/** @param {string} text */
function trimPackageJson(text) {
  const pkg = JSON.parse(text);
  const keep = ["name", "version", "types", "typings", "main", "module", "exports", "typesVersions", "type"];
  return JSON.stringify(Object.fromEntries(keep.filter((k) => k in pkg).map((k) => [k, pkg[k]])));
}

/** Virtual paths ("/lib.es2022.d.ts", "/node_modules/…") → text, and compiler options with our modules' `paths`. */
export function buildCellTypes(modules = readCellModules()) {
  // A probe cell importing every module: TypeScript resolves the .d.ts graph as the browser's checker will.
  const probe = path.join(ROOT, "__cell_probe__.ts");
  const probeText = modules
    .filter((m) => m.package)
    .map((m, i) => `import * as m${i} from ${JSON.stringify(m.id)};`)
    .join("\n");
  const sources = modules.flatMap((m) => (m.source ? [path.join(ROOT, m.source)] : []));
  const options = {
    ...parseOptions({ ...CELL_COMPILER_OPTIONS, noEmit: false, paths: { "@/*": ["./*"] } }),
    declaration: true,
    emitDeclarationOnly: true,
    removeComments: false,
    rootDir: ROOT,
    outDir: "/out",
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === probe ? probeText : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === probe || fileExists(f);
  const program = ts.createProgram([probe, ...sources], options, host);
  const problems = [probe, ...sources].flatMap((f) => {
    const sf = program.getSourceFile(f);
    return sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
  });
  if (problems.length) throw new Error(`cell module types: ${ts.formatDiagnostics(problems, formatHost)}`);

  /** @type {Record<string, string>} */
  const files = {};
  program.emit(undefined, (fileName, text) => {
    const relative = path.relative("/out", fileName).split(path.sep).join("/");
    if (relative !== path.basename(probe).replace(/\.ts$/, ".d.ts")) files[`/${relative}`] = withRelativeImports(`/${relative}`, text);
  });
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const packageDirs = new Set();
  for (const sf of program.getSourceFiles()) {
    const name = sf.fileName;
    if (name === probe || (name.startsWith(`${ROOT}/`) && !name.includes("/node_modules/"))) continue;
    if (path.dirname(name) === libDir) {
      files[`/${path.basename(name)}`] = sf.text;
      continue;
    }
    const at = name.lastIndexOf("/node_modules/");
    if (at < 0) throw new Error(`cell module types: unexpected file ${name}`);
    const virtual = name.slice(at);
    files[virtual] = sf.text;
    const parts = virtual.split("/");
    packageDirs.add(name.slice(0, at) + parts.slice(0, parts[2]?.startsWith("@") ? 4 : 3).join("/"));
  }
  for (const dir of packageDirs) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) files[pkg.slice(pkg.lastIndexOf("/node_modules/"))] = trimPackageJson(fs.readFileSync(pkg, "utf8"));
  }
  return { files, compilerOptions: { ...CELL_COMPILER_OPTIONS, paths: pathsFor(modules) } };
}
