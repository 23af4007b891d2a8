// Invariants: what the code guarantees but the type checker cannot see.

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${message}`);
}

export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Invariant failed: ${what} is missing`);
  return value;
}
