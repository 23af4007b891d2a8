// A course's Ask AI folder: found beside its sections (never taken for one), parsed with zod, and
// a bad file reported with its name and the problem; the platform names no course.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCourses } from "@/lib/content/load";
import { contentKey, corpus } from "./corpus";
import { AskDataError, readQuestionSets, readVocabulary } from "./course-data";
import { helpPages } from "./help";
import { answerFromCourse } from "./retrieve";
import { buildIndex } from "./search";

let root: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ask-course-"));
  write("courses/gardening/course.md", "---\ntitle: Gardening\nsummary: Growing things.\n---\n");
  write("courses/gardening/basics/section.md", "---\ntitle: Basics\norder: 1\n---\n");
  write(
    "courses/gardening/basics/watering.mdx",
    "---\ntitle: Watering\norder: 1\nsummary: How much water plants need.\n---\n\nPlants need water.\n\n## How often to water\n\nWater the seedlings every morning, and the established shrubs once a week in dry weather.\n",
  );
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const VOCABULARY = "synonyms:\n  - learner: [irrigate, irrigation]\n    course: [water]\nbroad: [plants]\n";
const QUESTIONS = `title: Gardeners' questions
askedFrom: basics/watering
floor: { firstRight: 1, declined: 1 }
questions:
  - ask: how often should I irrigate my seedlings?
    answers: [basics/watering#how-often-to-water]
  - ask: what is the capital of France?
    answers: not covered
`;

it("reads a course's vocabulary and question sets from its ask folder, which is not a section", () => {
  write("courses/gardening/ask/vocabulary.yaml", VOCABULARY);
  write("courses/gardening/ask/questions.yaml", QUESTIONS);
  const [course] = loadCourses(root);
  expect(course!.sections.map((s) => s.slug)).toEqual(["basics"]);
  expect(readVocabulary(course!).vocabulary.length).toBe(3);
  const [set] = readQuestionSets(course!);
  expect(set).toMatchObject({ title: "Gardeners' questions", chapterId: "gardening/basics/watering", collected: false });
  expect(set!.questions[0]!.answers).toEqual(["/courses/gardening/basics/watering#how-often-to-water"]);

  // The vocabulary reaches the index: "irrigate" finds the section that says "water".
  const index = buildIndex(corpus([course!], []));
  const { answer, hits } = answerFromCourse(index, "how often should I irrigate my seedlings?", "gardening/basics/watering");
  expect(answer.kind).toBe("course");
  expect(hits[0]?.href).toBe("/courses/gardening/basics/watering#how-often-to-water");
});

it("changes the index's content key when an ask file changes", () => {
  write("courses/gardening/ask/vocabulary.yaml", VOCABULARY);
  const before = contentKey(loadCourses(root), []);
  write("courses/gardening/ask/vocabulary.yaml", `${VOCABULARY}  # edited\n`);
  expect(contentKey(loadCourses(root), [])).not.toBe(before);
});

it.each([
  ["vocabulary.yaml", "synonyms:\n  - learner: [irrigate]\n", /vocabulary\.yaml: synonyms\.0\.course: .*expected array/],
  ["vocabulary.yaml", "synonyms: [\n", /vocabulary\.yaml: not valid YAML/],
  ["questions.yaml", QUESTIONS.replace("basics/watering#how-often-to-water", "Watering#How"), /questions\.yaml: questions\.0\.answers/],
  [
    "questions.yaml",
    QUESTIONS.replace("askedFrom: basics/watering", "askedFrom: basics/pruning"),
    /questions\.yaml: askedFrom: no chapter "basics\/pruning"/,
  ],
  [
    "learner-questions.yaml",
    `collected: true\n${QUESTIONS}`,
    /learner-questions\.yaml: questions\.0\.source: a collected question needs the address/,
  ],
])("stops the index build on a bad %s, naming the file and the problem", (name, text, message) => {
  write(`courses/gardening/ask/${name}`, text);
  const courses = loadCourses(root);
  let error: unknown;
  try {
    corpus(courses, []);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AskDataError);
  expect((error as Error).message).toMatch(message);
});

it("serves every help page at /help/<page>", () => {
  const appDir = path.resolve(__dirname, "../../app/help");
  const pages = helpPages();
  expect(pages.map((p) => p.slug)).toContain("runner-messages");
  for (const page of pages) expect([page.slug, fs.existsSync(path.join(appDir, page.slug, "page.tsx"))]).toEqual([page.slug, true]);
});

it("names no course in the platform's Ask AI code", () => {
  const dir = path.resolve(__dirname);
  const courseSlugs = fs.readdirSync(path.resolve(__dirname, "../../content/courses"));
  for (const file of fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !/test\.tsx?$/.test(f))) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    for (const slug of courseSlugs) expect([file, source.includes(slug)]).toEqual([file, false]);
  }
});
