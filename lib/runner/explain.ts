// One-line explanations for common tfjs shape errors.
import { defined } from "../invariant";

const shape = (csv: string) => `[${csv.split(",").filter(Boolean).join(", ")}]`;

type Rule = { pattern: RegExp; explain: (group: (i: number) => string) => string };

const RULES: Rule[] = [
  {
    // "Error in matMul: inner shapes (3) and (4) of Tensors with shapes 2,3 and 4,5 and transposeA=false and transposeB=false must match."
    pattern:
      /matMul: inner shapes \((\d+)\) and \((\d+)\) of Tensors with shapes ([\d,]*) and ([\d,]*) and transposeA=(\w+) and transposeB=(\w+)/,
    explain: (g) =>
      `Shape mismatch in matMul: a is ${shape(g(3))} and b is ${shape(g(4))}; the inner sizes must be equal (${g(1)} ≠ ${g(2)}). ` +
      `For a × b, the last size of a must equal the first size of b${g(5) === "true" || g(6) === "true" ? " (after the transposes you asked for)" : ""}.`,
  },
  {
    // "Operands could not be broadcast together with shapes 2,3 and 4,5."
    pattern: /could not be broadcast together with shapes ([\d,]*) and ([\d,]*)/,
    explain: (g) =>
      `Shape mismatch: ${shape(g(1))} and ${shape(g(2))} cannot be combined element-wise; compared from the right, each pair of sizes must be equal or one of them 1.`,
  },
  {
    // "Size(6) must match the product of shape 4,2"
    pattern: /Size\((\d+)\) must match the product of shape ([\d,-]*)/,
    explain: (g) => {
      const target = g(2).split(",").filter(Boolean).map(Number);
      const size = target.reduce((a, b) => a * b, 1);
      return `reshape keeps every value: a tensor of ${g(1)} values cannot become ${shape(g(2))}${size > 0 ? ` (${size} values)` : ""}.`;
    },
  },
  {
    // "Error in concat2D: Shape of tensors[1] (2,4) does not match the shape of the rest (2,3) along the non-concatenated axis 1."
    pattern:
      /Shape of tensors\[(\d+)\] \(([\d,]*)\) does not match the shape of the rest \(([\d,]*)\) along the non-concatenated axis (\d+)/,
    explain: (g) =>
      `Shape mismatch in concat: tensors[${g(1)}] is ${shape(g(2))} but the others are ${shape(g(3))}; all sizes must agree except along the axis you join on.`,
  },
  {
    // "Error when checking : expected dense_Dense2_input to have shape [null,3] but got array with shape [2,4]."
    pattern: /expected \S+ to have shape \[([^\]]*)\] but got array with shape \[([^\]]*)\]/,
    explain: (g) =>
      `Shape mismatch: the model expects inputs of shape [${g(1).split(",").join(", ")}] (null = any batch size) but got [${g(2).split(",").join(", ")}].`,
  },
];

export function explainError(message: string): string | undefined {
  for (const { pattern, explain } of RULES) {
    const m = pattern.exec(message);
    if (m) return explain((i) => defined(m[i], `group ${i} of ${pattern}`));
  }
  return undefined;
}
