// Splits a chapter's MDX into passages, one per heading, as plain text for search and quoting.
import GithubSlugger from "github-slugger";

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
  text: string;
};

/** Inline Markdown/TeX → readable plain text ("$1/(1-p)$" → "1/(1-p)", "**x**" → "x"). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\$\$[\s\S]*?\$\$/g, " ") // display math: not quotable prose
    .replace(/\$([^$\n]+)\$/g, (_, tex: string) =>
      tex
        .replace(/\\(?:mathbb|operatorname|text|mathrm)\{([^}]*)\}/g, "$1")
        .replace(/\\frac\{([^}]*)\}\{([^}]*)\}/g, "($1)/($2)")
        .replace(/\\[a-zA-Z]+/g, " ")
        .replace(/[{}]/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images → their text
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__|\*|_)(?=\S)([^*_]+?)\1/g, "$2")
    .replace(/^\s*[-*]\s+/gm, "")
    .replace(/^\|?\s*:?-{3,}.*$/gm, "") // table rules
    .replace(/\|/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Removes what is not prose: fenced code, MDX comments, JSX tags, import/export lines. */
function prose(mdx: string): string {
  return mdx
    .replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "\n")
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
    .replace(/<\/?[A-Za-z][^>]*>/g, "")
    .replace(/^(import|export)\s.*$/gm, "");
}

/** One passage per h2/h3 heading (code fences are skipped, so "## " inside code is not a heading). */
export function splitChapter(source: string, chapter: { id: string; title: string; href: string }): Passage[] {
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, "");
  const slugger = new GithubSlugger();
  const passages: Passage[] = [];
  let heading = "Introduction";
  let anchor = "";
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = plainText(prose(lines.join("\n")));
    if (text) passages.push({ id: `${chapter.id}#${anchor}`, chapterId: chapter.id, chapterTitle: chapter.title, heading, anchor, href: anchor ? `${chapter.href}#${anchor}` : chapter.href, text });
  };
  for (const line of body.split("\n")) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const match = !inFence && /^(#{2,3})\s+(.+?)\s*#*$/.exec(line);
    if (match) {
      flush();
      heading = plainText(match[2]);
      anchor = slugger.slug(heading);
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return passages;
}

/** Sentences of a passage (for quoting). */
export function sentences(text: string): string[] {
  return text
    .split(/\n{2,}|(?<=[.!?])\s+(?=[A-Z0-9("'])/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 20);
}
