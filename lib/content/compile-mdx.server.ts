// The one MDX pipeline: static HTML with islands and a table of contents, per revision.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeKatex from "rehype-katex";
import rehypePrettyCode from "rehype-pretty-code";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { Root } from "hast";
import { remarkCodeCells } from "./cells";
import { remarkExercises } from "./exercises";
import { rehypeLessonMarkup, splitLesson, type LessonSegment } from "./lesson-html";
import { rehypeMathPunctuation } from "./math-punctuation";
import type { Chapter } from "./load";

export type Heading = { id: string; text: string; depth: 2 | 3 };
export type CompiledChapter = { segments: LessonSegment[]; headings: Heading[] };

type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

const textOf = (node: HastNode): string => (node.type === "text" ? (node.value ?? "") : (node.children ?? []).map(textOf).join(""));

/** Rehype plugin, after rehype-slug. */
function collectHeadings(out: Heading[]) {
  return () => (tree: HastNode) => {
    const walk = (node: HastNode) => {
      if (node.type === "element" && (node.tagName === "h2" || node.tagName === "h3")) {
        const id = node.properties?.id;
        if (typeof id === "string") out.push({ id, text: textOf(node).trim(), depth: node.tagName === "h2" ? 2 : 3 });
        return;
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

function captureSegments(out: LessonSegment[]) {
  return () => (tree: Root) => {
    out.push(...splitLesson(tree));
  };
}

type VFileLike = { messages: { source?: string | null; reason: string; line?: number | null; cause?: unknown }[] };

/** rehype-katex only warns about bad math (and renders it red): make it a compile error. */
function failOnMathErrors() {
  return (_tree: unknown, file: VFileLike) => {
    const problem = file.messages.find((m) => m.source === "rehype-katex");
    if (problem) {
      const detail = problem.cause instanceof Error ? problem.cause.message : problem.reason;
      throw new Error(`math on line ${problem.line ?? "?"} does not render: ${detail}`);
    }
  };
}

const prettyCodeOptions = {
  // High-contrast variants: every token meets WCAG AA (4.5:1) on our code background in both schemes.
  theme: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" },
  keepBackground: false,
  defaultLang: "plaintext",
};

async function compile(chapter: Chapter): Promise<CompiledChapter> {
  const source = await fs.promises.readFile(chapter.file, "utf8");
  const headings: Heading[] = [];
  const segments: LessonSegment[] = [];
  // Compiled so invalid MDX fails the build; the page renders the captured segments, not the bundle.
  await bundleMDX({
    source,
    cwd: path.dirname(chapter.file),
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkMath, remarkCodeCells, remarkExercises];
      options.rehypePlugins = [
        ...(options.rehypePlugins ?? []),
        rehypeSlug,
        collectHeadings(headings),
        [rehypeKatex, { strict: "ignore" }],
        failOnMathErrors,
        rehypeMathPunctuation,
        [rehypePrettyCode, prettyCodeOptions],
        rehypeLessonMarkup,
        captureSegments(segments),
      ];
      return options;
    },
  }).catch((e: unknown) => {
    throw new Error(`${path.relative(process.cwd(), chapter.file)}: MDX does not compile: ${(e as Error).message}`);
  });
  return { segments, headings };
}

// Memory-hungry: one chapter at a time, each revision once per process.
const cache = new Map<string, Promise<CompiledChapter>>();
let queue: Promise<unknown> = Promise.resolve();

export function compileMdx(chapter: Chapter): Promise<CompiledChapter> {
  const key = `${chapter.id}@${chapter.revision}`;
  let result = cache.get(key);
  if (!result) {
    result = queue.then(() => compile(chapter));
    queue = result.catch(() => undefined);
    cache.set(key, result);
    result.catch(() => cache.delete(key));
  }
  return result;
}
