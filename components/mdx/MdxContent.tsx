// Renders a compiled MDX bundle on the server with our component map.
import { getMDXComponent } from "mdx-bundler/client";
import { mdxComponents } from "./components";

export function MdxContent({ code }: { code: string }) {
  const Component = getMDXComponent(code);
  return <Component components={mdxComponents} />;
}
