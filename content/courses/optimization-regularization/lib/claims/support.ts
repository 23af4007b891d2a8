// What several chapters' claim tests share (not a test file: jest does not run it).
import * as tf from "@tensorflow/tfjs";

/** The 32-32 network of the Overfitting and Early Stopping cells, optionally with dropout (rate 0.5) after each hidden layer. */
export function network(withDropout: boolean) {
  const dropout = () => (withDropout ? [tf.layers.dropout({ rate: 0.5 })] : []);
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [1], units: 32, activation: "relu" }),
      ...dropout(),
      tf.layers.dense({ units: 32, activation: "relu" }),
      ...dropout(),
      tf.layers.dense({ units: 1 }),
    ],
  });
}
