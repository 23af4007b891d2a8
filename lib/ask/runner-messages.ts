// The messages a run can show, read from source, and the help page sections that explain them.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Literal text, `${…}` where a value goes. */
export type MessageTemplate = { file: string; line: number; text: string };

const HOLE = "${…}";

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join("");
  return undefined;
}

/** Two or more words, one line, no markup or code. */
export function isProse(text: string): boolean {
  const words = text
    .replaceAll(HOLE, " ")
    .split(/\s+/)
    .filter((w) => /[A-Za-z]{2,}/.test(w));
  if (words.length < 2 || text.includes("\n")) return false;
  if (/[<>{}]/.test(text.replaceAll(HOLE, "")) || /'[\w-]+'/.test(text) || /;\s*$/.test(text)) return false;
  return !/^[./@#]/.test(text.trim());
}

/** A header, a directive or a media type ("worker-src blob:"). */
const isTechnical = (text: string) =>
  /^[a-z]/.test(text) && text.split(/\s+/).length <= 4 && /\b[a-z]+-[a-z]+\b|\b[a-z]+:(\s|$)|\b[a-z]+\/[a-z]+/.test(text);

/** Labels of internal checks: a failure there is a bug, not a message. */
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

const anyProse: Pick = (node) => {
  const text = literalText(node);
  return text !== undefined && isProse(text) && !isTechnical(text) && !isInternalLabel(node) ? text : undefined;
};

/** `setStatus("…")` and the sentences of the cell's markup. */
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

/** "Heading: sentence." (or "…: ${error}"). */
const verdict: Pick = (node) => {
  const text = literalText(node);
  return text !== undefined && isProse(text) && /^[^:]{2,40}: /.test(text) && (/[.!?]$/.test(text) || text.endsWith(`: ${HOLE}`))
    ? text
    : undefined;
};

const failMessage: Pick = (node) => {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "fail") {
    return node.arguments[0] && literalText(node.arguments[0]);
  }
  return undefined;
};

/** Prose-like literals in the runner that are not shown as messages. */
export const NOT_MESSAGES = new Set([
  "Code runner sandbox", // the hidden frame's title attribute
]);

/** Drops the per-case label ("rate ${…}: the output …" → "the output …"). */
const unlabelled = (text: string) => text.replace(/^[^:]*\$\{…\}[^:]*: /, "");

/** Checker messages count when shared by two or more files. */
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

export function templatePattern(text: string): RegExp {
  const parts = text.split(HOLE).map((p) =>
    p
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+"),
  );
  return new RegExp(parts.filter(Boolean).join("[\\s\\S]*?"));
}

export type HelpSection = { heading: string; examples: string[]; body: string };

/** The h3 sections, each with the blockquoted messages it explains. */
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
