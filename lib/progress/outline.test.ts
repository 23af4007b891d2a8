// Chapter and course state from what a learner did: steps, what is left, where to continue.
import { chapterState, courseState, listInWords, type Done, type OutlineChapter } from "./outline";

const chapter = (id: string, exercises: string[], hasQuiz = true): OutlineChapter => ({
  id,
  label: id,
  title: `Chapter ${id}`,
  href: `/${id}`,
  exercises: exercises.map((e) => ({ id: e, title: `Ex ${e}` })),
  hasQuiz,
});
const done = (d: Partial<{ read: string[]; quiz: string[]; ex: Record<string, string[]> }>): Done => ({
  read: new Set(d.read ?? []),
  quizPassed: new Set(d.quiz ?? []),
  exercisesPassed: new Map(Object.entries(d.ex ?? {}).map(([k, v]) => [k, new Set(v)])),
});

const course = [chapter("a", ["x", "y"]), chapter("b", ["z"]), chapter("c", [], false)];

it("counts reading, each exercise and the quiz as a chapter's steps, and lists what is left in order", () => {
  const state = chapterState(course[0]!, done({ ex: { a: ["y", "gone"] } }));
  expect(state).toMatchObject({ read: false, exercisesPassed: 1, exercises: 2, quizPassed: false, done: 1, total: 4, finished: false });
  expect(state.left).toEqual(["the exercise “Ex x”", "the quiz", "marking the chapter as read"]);
  expect(chapterState(course[2]!, done({ read: ["c"] }))).toMatchObject({ quizPassed: null, done: 1, total: 1, finished: true, left: [] });
});

it("continues with the first unfinished chapter, and has none when all are finished", () => {
  expect(courseState(course, done({})).next?.id).toBe("a");
  const aDone = { read: ["a"], quiz: ["a"], ex: { a: ["x", "y"] } };
  const s = courseState(course, done(aDone));
  expect(s).toMatchObject({ done: 4, total: 8, percent: 50, started: true });
  expect(s.next?.id).toBe("b");
  // A later chapter finished first does not move "continue" past an earlier unfinished one.
  expect(courseState(course, done({ read: ["c"] })).next?.id).toBe("a");
  const all = courseState(course, done({ read: ["a", "b", "c"], quiz: ["a", "b"], ex: { a: ["x", "y"], b: ["z"] } }));
  expect(all).toMatchObject({ done: 8, total: 8, percent: 100, next: null });
});

it("lists in words", () => {
  expect(listInWords([])).toBe("");
  expect(listInWords(["a"])).toBe("a");
  expect(listInWords(["a", "b", "c"])).toBe("a, b and c");
});
