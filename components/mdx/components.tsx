// The fixed set of components MDX lessons can use (and the HTML elements we restyle).
import type { ComponentProps } from "react";
import { Callout } from "./Callout";
import { CodeFigure } from "./CodeFigure";
import { DropoutExperiment, McDropoutDemo } from "@/components/lab/LabFigures";
import { MaskFigure } from "@/components/lab/MaskFigure";

export const mdxComponents = {
  figure: CodeFigure,
  table: (props: ComponentProps<"table">) => (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  ),
  Callout,
  DropoutExperiment,
  McDropoutDemo,
  MaskFigure,
};
