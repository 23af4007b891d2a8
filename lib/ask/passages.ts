// Splits a chapter's MDX into passages (one per heading) and sentences, for search and quoting.
import GithubSlugger from "github-slugger";

/** One quotable sentence: Markdown with its TeX kept (for rendering) and plain text (for search). */
export type Sentence = { markdown: string; plain: string };

export type Passage = {
  /** Unique id: chapter id + "#" + anchor ("" for the text before the first heading). */
  id: string;
  chapterId: string;
  chapterTitle: string;
  /** Heading text ("Introduction" for the opening passage). */
  heading: string;
  /** The heading's id on the page (as rehype-slug makes it), "" for the opening passage. */
  anchor: string;
  href: string;
  /** The whole passage as plain text (search, and the context a language model gets). */
  text: string;
  sentences: Sentence[];
};

/** TeX → readable plain text ("\frac{1}{1-p}" → "(1)/(1-p)", "\mathbb{E}" → "E"). */
function plainTex(tex: string): string {
  return tex
    .replace(/\\(?:mathbb|operatorname|text|mathrm|mathbf|tilde|hat|bar)\{([^}]*)\}/g, "$1")
    .replace(/\\frac\{([^}]*)\}\{([^}]*)\}/g, "($1)/($2)")
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Inline Markdown/TeX → readable plain text ("$1/(1-p)$" → "1/(1-p)", "**x**" → "x"). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\$\$([\s\S]*?)\$\$/g, (_, tex: string) => ` ${plainTex(tex)} `) // display math, flattened
    .replace(/\$([^$\n]+)\$/g, (_, tex: string) => plainTex(tex))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images → their text
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__|\*|_)(?=\S)([^*_]+?)\1/g, "$2")
    .replace(/^\s*(?:[-*]|\d+\.)\s+/gm, "")
    .replace(/^\|?\s*:?-{3,}.*$/gm, "") // table rules
    .replace(/\|/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/**
 * Removes what is not prose: exercises (tasks and hints are instructions, not explanations: they
 * drew questions away from the sections that answer them), fenced code, MDX comments, JSX tags,
 * import/export lines.
 */
function prose(mdx: string): string {
  return (
    mdx
      .replace(/^<Exercise\b[\s\S]*?^<\/Exercise>\s*$/gm, "\n")
      .replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "\n")
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
      // JSX tags go, but not text in inline code that looks like one ("`Promise { <pending> }`").
      .replace(/(`[^`\n]*`)|<\/?[A-Za-z][^>]*>/g, (m, code?: string) => code ?? "")
      .replace(/^>\s?/gm, "") // blockquotes: their text is prose too (help pages quote messages)
      .replace(/^(import|export)\s.*$/gm, "")
  );
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;

/**
 * Table rows → one sentence each ("CS231n notes — keep; inverted; identity."), header rows
 * dropped: a quoted row must read as a sentence, not as a fragment of a table.
 */
function tablesAsSentences(markdown: string): string {
  const lines = markdown.split("\n");
  return lines
    .map((line, i) => {
      if (!TABLE_ROW.test(line)) return line;
      if (TABLE_RULE.test(line) || TABLE_RULE.test(lines[i + 1] ?? "")) return "";
      const cells = line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((c) => c.trim())
        .filter(Boolean);
      return `\n${cells[0]} — ${cells.slice(1).join("; ")}.\n`;
    })
    .join("\n");
}

// A sentence ends at . ! or ? followed by a space and a capital, digit, bracket, quote, ` or $,
// except after abbreviations ("et al.", "e.g.", "i.e."). A bold lead-in ("**Where it goes.** Put
// dropout …") stays with the sentence after it.
const SENTENCE_END = /(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<=[.!?])\s+(?=[A-Z0-9("'`$*])/;

/**
 * Sentences of a passage's Markdown, in reading order. A display formula ($$…$$) belongs to the
 * sentence that introduces it; list items and table rows are sentences of their own.
 */
export function splitSentences(markdown: string): Sentence[] {
  const out: string[] = [];
  const blocks = tablesAsSentences(markdown)
    .replace(/\n\s*(?:[-*]|\d+\.)\s+/g, "\n\n") // list items start blocks
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^(?:[-*]|\d+\.)\s+/, ""),
    )
    .filter(Boolean);
  for (const block of blocks) {
    if (/^\$\$[\s\S]*\$\$$/.test(block)) {
      if (out.length) out[out.length - 1] += ` ${block}`;
      continue;
    }
    // Protect inline math from the sentence splitter.
    const math: string[] = [];
    const masked = block.replace(/\$\$[\s\S]*?\$\$|\$[^$]+\$/g, (m) => `\u0000${math.push(m) - 1}\u0000`);
    for (const piece of masked.split(SENTENCE_END)) {
      const s = piece.replace(/\u0000(\d+)\u0000/g, (placeholder, i: string) => math[Number(i)] ?? placeholder).trim();
      if (s) out.push(s);
    }
  }
  return out.map((markdown) => ({ markdown, plain: plainText(markdown) })).filter((s) => s.plain.length > 20 || /\$\$/.test(s.markdown));
}

/** One passage per h2/h3 heading (code fences are skipped, so "## " inside code is not a heading). */
export function splitChapter(source: string, chapter: { id: string; title: string; href: string }): Passage[] {
  // A link to a section of the same page ("[…](#anchor)") is quoted elsewhere (in the Ask AI
  // panel on another page): it must name its page.
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/\]\(#([^)\s]+)\)/g, `](${chapter.href}#$1)`);
  const slugger = new GithubSlugger();
  const passages: Passage[] = [];
  let heading = "Introduction";
  let anchor = "";
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const markdown = prose(lines.join("\n"));
    const text = plainText(markdown);
    if (text) {
      passages.push({
        id: `${chapter.id}#${anchor}`,
        chapterId: chapter.id,
        chapterTitle: chapter.title,
        heading,
        anchor,
        href: anchor ? `${chapter.href}#${anchor}` : chapter.href,
        text,
        sentences: splitSentences(markdown),
      });
    }
  };
  for (const line of body.split("\n")) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const [, , title] = (!inFence && /^(#{2,3})\s+(.+?)\s*#*$/.exec(line)) || [];
    if (title !== undefined) {
      flush();
      heading = plainText(title);
      anchor = slugger.slug(heading);
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return passages;
}
