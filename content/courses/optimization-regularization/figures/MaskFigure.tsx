// <MaskFigure /> in MDX: the server draws one training pass of the mask figure and says in words
// what it shows (all a page without JavaScript gets); in the browser the interactive lab replaces it.
import "./lab.css";
import { DEFAULT_RATE, describePass, FIRST_PASS, MaskCaption, MaskDiagram, NET } from "./MaskDiagram";
import { LazyLab } from "./LazyLab";

export function MaskFigure() {
  return (
    <LazyLab name="mask">
      <figure
        className="lab lab-mask"
        aria-labelledby="mask-figure-caption"
        data-rate={DEFAULT_RATE.toFixed(2)}
        data-mode="train"
        data-passes={1}
      >
        <MaskDiagram net={NET} pass={FIRST_PASS} rate={DEFAULT_RATE} mode="train" watched={-1} titleId="mask-figure" />
        <MaskCaption id="mask-figure-caption" />
        <p className="lab-static">
          Shown: one training pass at drop rate p = {DEFAULT_RATE}. {describePass(FIRST_PASS, DEFAULT_RATE, "train").detail} With JavaScript
          on, you can draw new masks, change the rate, switch to evaluation mode and compare the mean and variance of h′ over many passes
          with the theory.
        </p>
      </figure>
    </LazyLab>
  );
}
