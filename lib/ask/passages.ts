// A chapter's MDX as passages (one per heading) and sentences.
import GithubSlugger from "github-slugger";

export type Sentence = { markdown: string; plain: string };

export type Passage = {
  /** Chapter id + "#" + anchor. */
  id: string;
  chapterId: string;
  chapterTitle: string;
  heading: string;
  /** As rehype-slug makes it; "" for the opening passage. */
  anchor: string;
  href: string;
  /** Plain text. */
  text: string;
  sentences: Sentence[];
};

/** "\frac{1}{1-p}" → "(1)/(1-p)". */
function plainTex(tex: string): string {
  return tex
    .replace(/\\(?:mathbb|operatorname|text|mathrm|mathbf|tilde|hat|bar)\{([^}]*)\}/g, "$1")
    .replace(/\\frac\{([^}]*)\}\{([^}]*)\}/g, "($1)/($2)")
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

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

/** Exercises go too: their tasks drew questions away from the sections that answer them. */
function prose(mdx: string): string {
  return (
    mdx
      .replace(/^<Exercise\b[\s\S]*?^<\/Exercise>\s*$/gm, "\n")
      .replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "\n")
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
      // JSX tags go, but not inline code that looks like one.
      .replace(/(`[^`\n]*`)|<\/?[A-Za-z][^>]*>/g, (m, code?: string) => code ?? "")
      .replace(/^>\s?/gm, "") // help pages quote messages
      .replace(/^(import|export)\s.*$/gm, "")
  );
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;

/** Table rows → one sentence each, so a quoted row reads as one. */
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

// Not after "et al.", "e.g.", "i.e.", "vs.".
const SENTENCE_END = /(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<=[.!?])\s+(?=[A-Z0-9("'`$*])/;

/** A display formula belongs to the sentence that introduces it. */
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
    const math: string[] = [];
    const masked = block.replace(/\$\$[\s\S]*?\$\$|\$[^$]+\$/g, (m) => `\u0000${math.push(m) - 1}\u0000`);
    for (const piece of masked.split(SENTENCE_END)) {
      const s = piece.replace(/\u0000(\d+)\u0000/g, (placeholder, i: string) => math[Number(i)] ?? placeholder).trim();
      if (s) out.push(s);
    }
  }
  return out.map((markdown) => ({ markdown, plain: plainText(markdown) })).filter((s) => s.plain.length > 20 || /\$\$/.test(s.markdown));
}

/** One passage per h2/h3 heading outside code fences. */
export function splitChapter(source: string, chapter: { id: string; title: string; href: string }): Passage[] {
  // Quoted on other pages, so "#anchor" links must name their page.
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
