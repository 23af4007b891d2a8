// Invariants: a value the code guarantees (not input) that the type checker cannot see.

/** Throws `Invariant failed: <message>` when `condition` is falsy; narrows it otherwise. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${message}`);
}

/** `value` itself, or an `Invariant failed: <what> is missing` error when it is undefined. */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Invariant failed: ${what} is missing`);
  return value;
}
