// Keeps inline math and the punctuation touching it on one line (.math-nobr).
import type { ElementContent, Root, Text } from "hast";

const TRAILING = /^[,.;:!?)\]}’”…%]+/u;
const LEADING = /[([{‘“]+$/u;

const isInlineMath = (node: ElementContent): boolean =>
  node.type === "element" && Array.isArray(node.properties?.className) && node.properties.className.includes("katex");

function wrap(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (!isInlineMath(node)) {
      out.push(withWrappedChildren(node));
      continue;
    }
    const before = out.at(-1);
    const lead = before?.type === "text" ? (LEADING.exec(before.value)?.[0] ?? "") : "";
    const after = children[i + 1];
    const trail = after?.type === "text" ? (TRAILING.exec(after.value)?.[0] ?? "") : "";
    if (!lead && !trail) {
      out.push(node);
      continue;
    }
    if (lead) {
      const text = before as Text;
      text.value = text.value.slice(0, -lead.length);
      if (!text.value) out.pop();
    }
    const group: ElementContent[] = [...(lead ? [{ type: "text" as const, value: lead }] : []), node];
    if (trail) {
      group.push({ type: "text", value: trail });
      const rest = (after as Text).value.slice(trail.length);
      children[i + 1] = { type: "text", value: rest };
      if (!rest) i++;
    }
    out.push({ type: "element", tagName: "span", properties: { className: ["math-nobr"] }, children: group });
  }
  return out;
}

/** MDX components (an exercise's task and hints) too. */
function withWrappedChildren<T extends { type: string }>(node: T): T {
  const children = (node as { children?: ElementContent[] }).children;
  return node.type !== "text" && Array.isArray(children) ? { ...node, children: wrap(children) } : node;
}

export function rehypeMathPunctuation() {
  return (tree: Root) => {
    tree.children = tree.children.map(withWrappedChildren);
  };
}
