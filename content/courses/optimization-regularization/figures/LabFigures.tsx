// The lab figures as MDX uses them: what the server renders (a description that stands on its
// own without JavaScript), replaced in the browser by the interactive version once it has loaded.
import "@/components/charts/charts.css"; // the lazily loaded figures draw charts
import "./lab.css";
import { LazyLab } from "./LazyLab";

export function DropoutExperiment() {
  return (
    <LazyLab name="experiment">
      <section
        className="lab lab-experiment"
        aria-label="Experiment: the same network trained with and without dropout"
        data-lab="experiment-static"
      >
        <p className="lab-title">Experiment: the same network trained with and without dropout</p>
        <p className="lab-nojs">
          This experiment trains two small networks in your browser and needs JavaScript. With the default settings (100 noisy training
          points, two hidden layers of 64 units, 300 epochs), the network without dropout drives its training loss close to zero while its
          validation loss climbs; the network with dropout (rate 0.5) keeps a higher training loss, a smoother decision boundary and a
          clearly lower validation loss.
        </p>
      </section>
    </LazyLab>
  );
}

export function McDropoutDemo() {
  return (
    <LazyLab name="mc-dropout">
      <section className="lab lab-mc" aria-label="Monte Carlo dropout on a 1-D regression" data-lab="mc-dropout-static">
        <p className="lab-title">Try it: Monte Carlo dropout on a 1-D regression</p>
        <p className="lab-nojs">
          This demonstration trains a small network in your browser and needs JavaScript. It shows a narrow uncertainty band around the
          training data and a much wider one in the gap between the two stretches of data (beyond their ends it depends on the seed: the
          spread flags some unfamiliar inputs, not all).
        </p>
      </section>
    </LazyLab>
  );
}
