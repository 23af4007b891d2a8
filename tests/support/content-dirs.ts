// The content folders the tests' app sees: the real courses and the fixture courses the
// platform's tests run on (tests/fixtures/content/courses/fixture-*).
export const FIXTURE_CONTENT_DIR = "tests/fixtures/content";
export const TEST_CONTENT_DIRS = `content,${FIXTURE_CONTENT_DIR}`;

/** The fixture course's chapter with a cell and a quiz. */
export const FIXTURE_CHAPTER = {
  id: "fixture-basics/first-section/widgets",
  href: "/courses/fixture-basics/first-section/widgets",
} as const;

/** The second fixture course, whose cell imports the course's own library. */
export const FIXTURE_LIBRARY_CHAPTER = {
  id: "fixture-library/tools/tripling",
  href: "/courses/fixture-library/tools/tripling",
} as const;

/** A fixture chapter whose quiz is a fixed list (no bank): the engine's grading, order and limits. */
export const FIXTURE_STATEMENTS_CHAPTER = {
  id: "fixture-basics/first-section/statements",
  href: "/courses/fixture-basics/first-section/statements",
} as const;

/** A fixture chapter whose quiz is an item bank with every item type (draw 6 of 10). */
export const FIXTURE_BANK_CHAPTER = {
  id: "fixture-basics/first-section/bank",
  href: "/courses/fixture-basics/first-section/bank",
} as const;
