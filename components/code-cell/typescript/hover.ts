// Hover tooltip for cells: the signature, then its documentation and JSDoc tags (@param…).
import type { TooltipView } from "@codemirror/view";

type Part = { text: string; kind: string };
type HoverInfo = { quickInfo?: { displayParts?: Part[]; documentation?: Part[]; tags?: { name: string; text?: Part[] }[] } };

const join = (parts: Part[] | undefined) => (parts ?? []).map((p) => p.text).join("");

export function renderHover(info: HoverInfo): TooltipView {
  const dom = document.createElement("div");
  dom.className = "cell-hover";
  const signature = dom.appendChild(document.createElement("code"));
  signature.className = "cell-hover-signature";
  signature.textContent = join(info.quickInfo?.displayParts);
  const docs = join(info.quickInfo?.documentation).trim();
  if (docs) {
    const p = dom.appendChild(document.createElement("p"));
    p.className = "cell-hover-docs";
    p.textContent = docs;
  }
  for (const tag of info.quickInfo?.tags ?? []) {
    const p = dom.appendChild(document.createElement("p"));
    p.className = "cell-hover-tag";
    p.textContent = `@${tag.name} ${join(tag.text)}`.trim();
  }
  return { dom };
}
