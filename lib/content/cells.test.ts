// Code cells in MDX: ```ts cell …``` blocks become <CodeCell> elements; bad meta is an error.
import { defined } from "@/lib/invariant";
import { parseMeta, remarkCodeCells } from "./cells";

type Node = { type: string; [k: string]: unknown };

function transform(children: Node[]) {
  const tree = { type: "root", children };
  remarkCodeCells()(tree as never);
  return tree.children;
}

const code = (meta: string, value = "console.log(1)", lang = "ts") => ({
  type: "code",
  lang,
  meta,
  value,
  position: { start: { line: 12 } },
});

describe("parseMeta", () => {
  it("reads flags, quoted and bare values", () => {
    expect(parseMeta(`cell id="a-b" seed=7 title='Two words'`)).toEqual({ cell: true, id: "a-b", seed: "7", title: "Two words" });
  });
});

describe("remarkCodeCells", () => {
  it("turns a cell block into a CodeCell element with typed attributes", () => {
    const node = defined((transform([code(`cell id="train" seed=42 timeout=20 title="Train vs eval"`)]) as Node[])[0], "the cell element");
    expect(node).toMatchObject({ type: "mdxJsxFlowElement", name: "CodeCell" });
    const attributes = Object.fromEntries((node.attributes as { name: string; value: unknown }[]).map((a) => [a.name, a.value]));
    expect(attributes.id).toBe("train");
    expect(attributes.code).toBe("console.log(1)");
    expect(attributes.title).toBe("Train vs eval");
    expect(attributes.seed).toMatchObject({ value: "42" });
    expect(attributes.timeoutSeconds).toMatchObject({ value: "20" });
  });

  it("defaults the time budget to 10 seconds", () => {
    const node = defined((transform([code(`cell id="x"`)]) as Node[])[0], "the cell element");
    const budget = (node.attributes as { name: string; value: { value: string } }[]).find((a) => a.name === "timeoutSeconds");
    expect(budget?.value.value).toBe("10");
  });

  it("leaves ordinary listings alone", () => {
    const listing = code(`title="x.ts"`);
    expect(transform([listing])).toEqual([listing]);
  });

  it.each([
    ["a missing id", code("cell"), /line 12: id: .*expected string/i],
    ["a bad id", code(`cell id="Not A Slug"`), /line 12: id: must be a lowercase slug/],
    ["an unknown option", code(`cell id="a" timout=5`), /line 12: .*timout/],
    ["a budget over two minutes", code(`cell id="a" timeout=500`), /timeout/],
    ["another language", code(`cell id="a"`, "print(1)", "python"), /cells run TypeScript/],
  ])("rejects %s, naming the line", (_name, node, message) => {
    expect(() => transform([node])).toThrow(message);
  });

  it("rejects two cells with the same id", () => {
    expect(() => transform([code(`cell id="a"`), { type: "paragraph", children: [] }, code(`cell id="a"`)])).toThrow(
      /id "a" is used by another cell/,
    );
  });
});
