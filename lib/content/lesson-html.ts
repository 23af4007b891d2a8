// The lesson as static HTML with React islands (decision 0120).
import type { Element, ElementContent, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";

/** `height`: estimated px at the widest column and on a phone. */
export type LessonSegment = { type: "html"; html: string; height: RunHeight } | { type: "island"; node: RootContent };
export type RunHeight = { wide: number; narrow: number };

type AnyNode = { type: string; children?: AnyNode[] };

const isMdxNode = (node: AnyNode) => node.type.startsWith("mdx");
const holdsMdx = (node: AnyNode): boolean => isMdxNode(node) || (node.children ?? []).some(holdsMdx);

/** A run also ends before each h2/h3, for `content-visibility: auto`. */
export function splitLesson(root: Root): LessonSegment[] {
  const segments: LessonSegment[] = [];
  let pending: RootContent[] = [];
  const flush = () => {
    const html = toHtml({ type: "root", children: pending }).trim();
    if (html) segments.push({ type: "html", html, height: estimateHeight(pending as AnyNode[]) });
    pending = [];
  };
  for (const child of root.children) {
    if ((child as AnyNode).type === "mdxjsEsm") continue; // imports/exports: nothing to show
    if (holdsMdx(child)) {
      flush();
      segments.push({ type: "island", node: child });
    } else {
      if (startsSection(child as AnyNode)) flush();
      pending.push(child);
    }
  }
  flush();
  return segments;
}

const el = (tagName: string, properties: Element["properties"], children: ElementContent[]): Element => ({
  type: "element",
  tagName,
  properties,
  children,
});

const isElement = (node: AnyNode, tagName?: string): node is Element & AnyNode =>
  node.type === "element" && (tagName === undefined || (node as Element).tagName === tagName);

const startsSection = (node: AnyNode) => isElement(node, "h2") || isElement(node, "h3");

const textOf = (node: AnyNode): string =>
  node.type === "text" ? ((node as { value?: string }).value ?? "") : (node.children ?? []).map(textOf).join("");

/** Copy buttons on listings, keyboard-reachable tables, two-way table headers. */
export function rehypeLessonMarkup() {
  return (tree: Root) => {
    let tables = 0;
    const walk = (parent: AnyNode) => {
      const children = parent.children;
      if (!children) return;
      children.forEach((node, index) => {
        if (
          isElement(node, "figure") &&
          ("data-rehype-pretty-code-figure" in (node.properties ?? {}) || "dataRehypePrettyCodeFigure" in (node.properties ?? {}))
        ) {
          const className = ([] as unknown[]).concat(node.properties?.className ?? []).map(String);
          node.properties = { ...node.properties, className: [...className, "listing"] };
          for (const pre of findAll(node, "pre")) pre.properties = { ...pre.properties, tabIndex: 0 };
          node.children.unshift(
            el("button", { type: "button", className: ["copy-button"], dataCopy: "" }, [
              el("span", { ariaLive: "polite" }, [{ type: "text", value: "Copy" }]),
            ]),
          );
        } else if (isElement(node, "table")) {
          tables += 1;
          // An empty corner header makes a two-way table: a header must name something.
          const [corner] = findAll(node, "th");
          if (corner && !textOf(corner).trim()) {
            corner.tagName = "td";
            for (const body of findAll(node, "tbody"))
              for (const row of body.children.filter((c) => isElement(c as AnyNode, "tr")) as Element[]) {
                const first = row.children.find((c) => isElement(c as AnyNode, "td")) as Element | undefined;
                if (first) {
                  first.tagName = "th";
                  first.properties = { ...first.properties, scope: "row" };
                }
              }
          }
          children[index] = el("div", { className: ["table-scroll"], tabIndex: 0, role: "region", ariaLabel: `Table ${tables}` }, [node]);
          return;
        }
        walk(node);
      });
    };
    walk(tree as AnyNode);
  };
}

function findAll(node: AnyNode, tagName: string): Element[] {
  const out: Element[] = [];
  const visit = (n: AnyNode) => {
    if (isElement(n, tagName)) out.push(n);
    n.children?.forEach(visit);
  };
  visit(node);
  return out;
}

/** An off-screen run's placeholder height, from the page's type metrics (decision 0120, Notes). */
export function estimateHeight(nodes: AnyNode[]): RunHeight {
  let wide = 0;
  let narrow = 0;
  const text = (chars: number, margin: number) => {
    wide += Math.max(1, Math.ceil(chars / 86)) * 28 + margin;
    narrow += Math.max(1, Math.ceil(chars / 40)) * 28 + margin;
  };
  const fixed = (px: number) => {
    wide += px;
    narrow += px;
  };
  const visit = (node: AnyNode) => {
    if (!isElement(node)) return;
    switch (node.tagName) {
      case "h2":
        return fixed(95);
      case "h3":
        return fixed(70);
      case "figure": {
        const lines = findAll(node, "span").filter((l) => "dataLine" in (l.properties ?? {}) || "data-line" in (l.properties ?? {})).length;
        return fixed(Math.max(1, lines) * 21.5 + 105);
      }
      case "div":
        if (findAll(node, "table").length) return fixed(findAll(node, "tr").length * 45 + 40);
        return node.children?.forEach(visit);
      case "ul":
      case "ol":
        fixed(34);
        return node.children?.forEach((li) => isElement(li, "li") && text(textOf(li).length, 5));
      default:
        return text(textOf(node).length, 28);
    }
  };
  nodes.forEach(visit);
  return { wide: Math.round(wide), narrow: Math.round(narrow) };
}
