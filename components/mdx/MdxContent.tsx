// Renders a compiled MDX bundle on the server with our component map.
import { getMDXComponent } from "mdx-bundler/client";
import { CodeCell } from "@/components/code-cell/CodeCell";
import type { CellProps } from "@/lib/content/cells";
import { mdxComponents } from "./components";

export function MdxContent({ code, chapterId, revision }: { code: string; chapterId: string; revision: string }) {
  const Component = getMDXComponent(code);
  // Cells keep learner edits per chapter and revision, so they get both from here.
  const BoundCodeCell = (props: CellProps) => <CodeCell {...props} chapterId={chapterId} revision={revision} />;
  // eslint-disable-next-line react-hooks/static-components -- a server component: each chapter's compiled MDX is its own component, rendered once per build
  return <Component components={{ ...mdxComponents, CodeCell: BoundCodeCell }} />;
}
