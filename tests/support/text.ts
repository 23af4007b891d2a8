// Values the tests read out of pages and logs: a pattern's first group, or a failure that names both.

/** The first capture group of `pattern` in `text`; throws (failing the test) when it does not match. */
export function captured(pattern: RegExp, text: string): string {
  const [, group] = pattern.exec(text) ?? [];
  if (group === undefined) throw new Error(`${pattern} found nothing in ${JSON.stringify(text.slice(0, 300))}`);
  return group;
}
