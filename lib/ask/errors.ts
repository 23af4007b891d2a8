// Common tfjs errors, so "Ask AI about this error" finds the course's help on them.

export type ErrorTopic = { kind: "shape" | "dtype" | "disposed" | "await"; words: string };

const TOPICS: { kind: ErrorTopic["kind"]; pattern: RegExp; words: string }[] = [
  {
    kind: "disposed",
    pattern: /\bis disposed\b|\bdisposed tensor/i,
    words: "tensor is disposed: used after dispose or outside tf.tidy; tf.keep",
  },
  {
    kind: "dtype",
    pattern: /must be (?:a |an )?(?:float32|int32|bool|complex64|string) tensor|\bdtype\b/i,
    words: "wrong dtype: cast float32 int32 bool",
  },
  {
    kind: "shape",
    pattern:
      /inner shapes|could not be broadcast|must match the product of shape|to have shape|does not match the shape|shapes? \S+ and \S+ must match|rank \d+ but got|expected .* to have \d+ dimension/i,
    words: "shape mismatch: shapes matMul broadcast reshape inputShape",
  },
  {
    kind: "await",
    pattern: /\bPromise\b|Cannot read properties of undefined|\.then is not a function|is not a function.*\bdata\b/i,
    words: "missing await: promise data fit await",
  },
];

export function errorTopic(message: string): ErrorTopic | undefined {
  for (const t of TOPICS) if (t.pattern.test(message)) return { kind: t.kind, words: t.words };
  return undefined;
}
