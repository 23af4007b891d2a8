// The content folders the tests' app sees: the real courses and the fixture courses the
// platform's tests run on (tests/fixtures/content/courses/fixture-*).
export const FIXTURE_CONTENT_DIR = "tests/fixtures/content";
export const TEST_CONTENT_DIRS = `content,${FIXTURE_CONTENT_DIR}`;

/** A fixture chapter by its id (course/section/chapter), with the path of its page. */
const fixtureChapter = <const Id extends string>(id: Id) => ({ id, href: `/courses/${id}` as const });

/** The fixture course's chapter with a cell and a quiz. */
export const FIXTURE_CHAPTER = fixtureChapter("fixture-basics/first-section/widgets");

/** The second fixture course, whose cell imports the course's own library. */
export const FIXTURE_LIBRARY_CHAPTER = fixtureChapter("fixture-library/tools/tripling");

/** A fixture chapter whose quiz is a fixed list (no bank): the engine's grading, order and limits. */
export const FIXTURE_STATEMENTS_CHAPTER = fixtureChapter("fixture-basics/first-section/statements");

/** A fixture chapter whose quiz is an item bank with every item type (draw 6 of 10). */
export const FIXTURE_BANK_CHAPTER = fixtureChapter("fixture-basics/first-section/bank");
