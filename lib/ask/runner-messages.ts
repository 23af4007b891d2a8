// The messages the code runner, the code cell and the exercise checks print, read from their
// source with the TypeScript parser, and the help page's sections (content/help/runner-messages.md)
// that explain them. Used by runner-messages.test.ts: a message without a section fails it.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** A message as written in the source: literal text, `${…}` where a value goes. */
export type MessageTemplate = { file: string; line: number; text: string };

const HOLE = "${…}";

/** Text of a string or template literal with every substitution as ${…}. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join("");
  return undefined;
}

/**
 * Reads like a message to a person: two or more words, one line, no markup or code
 * ("<meta …>", "const p = self.Promise;", "default-src 'none'").
 */
export function isProse(text: string): boolean {
  const words = text
    .replaceAll(HOLE, " ")
    .split(/\s+/)
    .filter((w) => /[A-Za-z]{2,}/.test(w));
  if (words.length < 2 || text.includes("\n")) return false;
  if (/[<>{}]/.test(text.replaceAll(HOLE, "")) || /'[\w-]+'/.test(text) || /;\s*$/.test(text)) return false;
  return !/^[./@#]/.test(text.trim());
}

/** A header, a directive or a media type ("worker-src blob:", "text/html; charset=utf-8"), not a sentence. */
const isTechnical = (text: string) =>
  /^[a-z]/.test(text) && text.split(/\s+/).length <= 4 && /\b[a-z]+-[a-z]+\b|\b[a-z]+:(\s|$)|\b[a-z]+\/[a-z]+/.test(text);

/** Labels of internal checks (`defined(x, "group 1 of …")`): a failure there is a bug, not a message. */
const INTERNAL_CALLS = new Set(["defined", "invariant", "assert"]);
const isInternalLabel = (node: ts.Node) =>
  ts.isCallExpression(node.parent) && ts.isIdentifier(node.parent.expression) && INTERNAL_CALLS.has(node.parent.expression.text);

type Pick = (node: ts.Node) => string | undefined;

function scan(root: string, file: string, pick: Pick): MessageTemplate[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const out: MessageTemplate[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const text = pick(node);
    if (text !== undefined) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every prose literal of the file. */
const anyProse: Pick = (node) => {
  const text = literalText(node);
  return text !== undefined && isProse(text) && !isTechnical(text) && !isInternalLabel(node) ? text : undefined;
};

/** What a code cell's status line shows (`setStatus("…")`) and the sentences of its markup. */
const cellStatus: Pick = (node) => {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "setStatus") {
    const text = node.arguments[0] && literalText(node.arguments[0]);
    return text !== undefined && isProse(text) ? text : undefined;
  }
  if (ts.isJsxText(node)) {
    const text = node.text.replace(/\s+/g, " ").trim();
    return isProse(text) && /[.!?]$/.test(text) ? text : undefined;
  }
  return undefined;
};

/** An exercise's verdict lines: "Heading: sentence." (or "…: ${error}"). */
const verdict: Pick = (node) => {
  const text = literalText(node);
  return text !== undefined && isProse(text) && /^[^:]{2,40}: /.test(text) && (/[.!?]$/.test(text) || text.endsWith(`: ${HOLE}`))
    ? text
    : undefined;
};

/** The first argument of a checker's `.fail(…)`. */
const failMessage: Pick = (node) => {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "fail") {
    return node.arguments[0] && literalText(node.arguments[0]);
  }
  return undefined;
};

/** Literals in the runner that read like prose but are not shown as messages. */
export const NOT_MESSAGES = new Set([
  "Code runner sandbox", // the hidden frame's title attribute (lib/runner/client.ts)
]);

/** A checker message with its per-case label dropped ("rate ${…}: the output …" → "the output …"). */
const unlabelled = (text: string) => text.replace(/^[^:]*\$\{…\}[^:]*: /, "");

/**
 * Every message the learner can see from a run: the output panel's lines (output.ts), the
 * runner's status lines and notes (lib/runner), the cell's own status line (CodeCell.tsx), the
 * exercise verdict (ExercisePanel.tsx), and the messages the courses' checkers share (those
 * written in two or more checker files, and the checker library's own).
 */
export function messageTemplates(root: string): MessageTemplate[] {
  const runner = fs
    .readdirSync(path.join(root, "lib/runner"))
    .filter((f) => /\.tsx?$/.test(f) && !/\.(test|claim\.test|content\.test)\.tsx?$|\.d\.ts$/.test(f))
    .sort()
    .map((f) => `lib/runner/${f}`);
  const out: MessageTemplate[] = [
    ...scan(root, "components/code-cell/output.ts", anyProse),
    ...runner.flatMap((f) => scan(root, f, anyProse)).filter((m) => !NOT_MESSAGES.has(m.text)),
    ...scan(root, "components/code-cell/CodeCell.tsx", cellStatus),
    ...scan(root, "components/exercise/ExercisePanel.tsx", verdict),
  ];
  const coursesDir = path.join(root, "content/courses");
  for (const course of fs.existsSync(coursesDir) ? fs.readdirSync(coursesDir).sort() : []) {
    const dir = `content/courses/${course}/lib/exercises`;
    if (!fs.existsSync(path.join(root, dir))) continue;
    const files = fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .sort();
    const fails = files.flatMap((f) => scan(root, `${dir}/${f}`, failMessage).map((m) => ({ ...m, text: unlabelled(m.text) })));
    const filesOf = new Map<string, Set<string>>();
    for (const m of fails) filesOf.set(m.text, (filesOf.get(m.text) ?? new Set()).add(m.file));
    const shared = new Set([...filesOf].filter(([text, inFiles]) => inFiles.size >= 2 && isProse(text)).map(([text]) => text));
    const seen = new Set<string>();
    for (const m of fails) if (shared.has(m.text) && !seen.has(m.text) && seen.add(m.text)) out.push(m);
    if (files.includes("checking.ts")) out.push(...scan(root, `${dir}/checking.ts`, anyProse));
  }
  return out;
}

/** A template as a pattern: its literal parts in order, anything where a value goes. */
export function templatePattern(text: string): RegExp {
  const parts = text.split(HOLE).map((p) =>
    p
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+"),
  );
  return new RegExp(parts.filter(Boolean).join("[\\s\\S]*?"));
}

/** One section of the help page: its heading, its id, the messages it quotes, and its explanation. */
export type HelpSection = { heading: string; examples: string[]; body: string };

/** The help page's h3 sections (one per message), each with the blockquoted messages it explains. */
export function helpSections(markdown: string): HelpSection[] {
  const sections: HelpSection[] = [];
  let current: HelpSection | undefined;
  for (const line of markdown.split("\n")) {
    const heading = /^###\s+(.+)$/.exec(line);
    if (heading) {
      current = { heading: heading[1]!.trim(), examples: [], body: "" };
      sections.push(current);
    } else if (/^#{1,2}\s/.test(line)) {
      current = undefined;
    } else if (current) {
      const quote = /^>\s?(.*)$/.exec(line);
      if (quote && quote[1]!.trim()) current.examples.push(quote[1]!.trim());
      else if (!quote) current.body += `${line}\n`;
    }
  }
  return sections;
}
