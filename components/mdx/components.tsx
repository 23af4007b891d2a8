// The fixed set of components MDX lessons can use. Listings and tables get their markup in the
// compile step (lib/content/lesson-html.ts), so they need no components here.
import { Callout } from "./Callout";
import { DropoutExperiment, McDropoutDemo } from "@/components/lab/LabFigures";
import { MaskFigure } from "@/components/lab/MaskFigure";

export const mdxComponents = {
  Callout,
  DropoutExperiment,
  McDropoutDemo,
  MaskFigure,
};
