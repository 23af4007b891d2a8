// A highlighted code listing from rehype-pretty-code, with its title and a copy button.
import type { ComponentProps } from "react";
import { CopyButton } from "./CopyButton";

export function CodeFigure(props: ComponentProps<"figure">) {
  const isListing = "data-rehype-pretty-code-figure" in props;
  if (!isListing) return <figure {...props} />;
  return (
    <figure {...props} className="listing">
      <CopyButton />
      {props.children}
    </figure>
  );
}
