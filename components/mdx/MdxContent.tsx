// Renders a compiled MDX bundle on the server with our component map.
import { getMDXComponent } from "mdx-bundler/client";
import { CodeCell } from "@/components/code-cell/CodeCell";
import type { CellProps } from "@/lib/content/cells";
import { mdxComponents } from "./components";

export function MdxContent({ code, chapterId, revision }: { code: string; chapterId: string; revision: string }) {
  const Component = getMDXComponent(code);
  // Cells keep learner edits per chapter and revision, so they get both from here.
  const BoundCodeCell = (props: CellProps) => <CodeCell {...props} chapterId={chapterId} revision={revision} />;
  return <Component components={{ ...mdxComponents, CodeCell: BoundCodeCell }} />;
}
