// Hover tooltip for cells: the signature, then its documentation (Markdown) and JSDoc tags
// (@param, @returns…). tfjs's own API-site tags (@doc) mean nothing to a learner and are left out.
import type { TooltipView } from "@codemirror/view";
import { micromark } from "micromark";

type Part = { text: string; kind: string };
type HoverInfo = { quickInfo?: { displayParts?: Part[]; documentation?: Part[]; tags?: { name: string; text?: Part[] }[] } };

const join = (parts: Part[] | undefined) => (parts ?? []).map((p) => p.text).join("");

/** Tags that document tfjs's website, not the API. */
const HIDDEN_TAGS = new Set(["doc", "docalias", "docinline"]);

/** `{@link tf.add}` and `{@link tf.add | add}` become code spans. */
const links = (text: string) =>
  text.replace(
    /\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\s*\}/g,
    (_m, target: string, label?: string) => `\`${(label ?? target).trim()}\``,
  );

/** Markdown to HTML; micromark escapes raw HTML and drops dangerous link protocols by default. */
export function markdownHtml(text: string): string {
  return micromark(links(text));
}

/** One JSDoc tag as Markdown: "**param** `x` — what it is". */
export function tagMarkdown(name: string, text: string): string | null {
  if (HIDDEN_TAGS.has(name)) return null;
  const body = links(text).trim();
  if (name === "param") {
    const [, param, rest] = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(body) ?? [];
    return param ? `**${name}** \`${param}\`${rest ? ` — ${rest}` : ""}` : `**${name}**`;
  }
  return `**${name}**${body ? ` ${body}` : ""}`;
}

export function renderHover(info: HoverInfo): TooltipView {
  const dom = document.createElement("div");
  dom.className = "cell-hover";
  const signature = dom.appendChild(document.createElement("code"));
  signature.className = "cell-hover-signature";
  signature.textContent = join(info.quickInfo?.displayParts);
  const docs = join(info.quickInfo?.documentation).trim();
  if (docs) {
    const div = dom.appendChild(document.createElement("div"));
    div.className = "cell-hover-docs";
    div.innerHTML = markdownHtml(docs);
  }
  for (const tag of info.quickInfo?.tags ?? []) {
    const markdown = tagMarkdown(tag.name, join(tag.text));
    if (!markdown) continue;
    const div = dom.appendChild(document.createElement("div"));
    div.className = "cell-hover-tag";
    div.innerHTML = markdownHtml(markdown);
  }
  return { dom };
}
