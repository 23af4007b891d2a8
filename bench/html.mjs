// Reading pages for the benchmarks: the scripts a lesson page loads, a value a pattern captures.
// @ts-check

/**
 * The page's script URLs a modern browser loads, each once (`noModule` polyfills are skipped by
 * every current browser).
 * @param {string} html
 * @returns {string[]}
 */
export function moduleScripts(html) {
  const srcs = [...html.matchAll(/<script([^>]+)>/g)].flatMap(([, attributes = ""]) =>
    /\bnoModule\b/i.test(attributes) ? [] : (/src="([^"]+)"/.exec(attributes)?.slice(1, 2) ?? []),
  );
  return [...new Set(srcs)];
}

/**
 * The first capture group of `pattern` in `text`; throws, naming both, when it does not match.
 * @param {RegExp} pattern
 * @param {string} text
 */
export function captured(pattern, text) {
  const [, group] = pattern.exec(text) ?? [];
  if (group === undefined) throw new Error(`${pattern} found nothing in ${JSON.stringify(text.slice(0, 300))}`);
  return group;
}
