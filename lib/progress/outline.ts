// A course's steps and a learner's place in them (pure; shared by three pages).

export type OutlineChapter = {
  id: string;
  /** "3.3" */
  label: string;
  title: string;
  href: string;
  exercises: { id: string; title: string }[];
  hasQuiz: boolean;
};

export type Done = {
  read: ReadonlySet<string>;
  quizPassed: ReadonlySet<string>;
  exercisesPassed: ReadonlyMap<string, ReadonlySet<string>>;
};

export type ChapterState = {
  read: boolean;
  exercisesPassed: number;
  exercises: number;
  /** null: the chapter has no quiz. */
  quizPassed: boolean | null;
  /** Steps: reading, each exercise, the quiz. */
  done: number;
  total: number;
  finished: boolean;
  /** What is left, in the order a learner meets it. */
  left: string[];
};

export function chapterState(chapter: OutlineChapter, done: Done): ChapterState {
  const passed = done.exercisesPassed.get(chapter.id) ?? new Set<string>();
  const exercisesLeft = chapter.exercises.filter((e) => !passed.has(e.id));
  const read = done.read.has(chapter.id);
  const quizPassed = chapter.hasQuiz ? done.quizPassed.has(chapter.id) : null;
  const left = [
    ...exercisesLeft.map((e) => `the exercise “${e.title}”`),
    ...(quizPassed === false ? ["the quiz"] : []),
    ...(read ? [] : ["marking the chapter as read"]),
  ];
  const total = 1 + chapter.exercises.length + (chapter.hasQuiz ? 1 : 0);
  const count = (read ? 1 : 0) + (chapter.exercises.length - exercisesLeft.length) + (quizPassed ? 1 : 0);
  return {
    read,
    exercisesPassed: chapter.exercises.length - exercisesLeft.length,
    exercises: chapter.exercises.length,
    quizPassed,
    done: count,
    total,
    finished: left.length === 0,
    left,
  };
}

export type CourseState = { done: number; total: number; percent: number; next: OutlineChapter | null; started: boolean };

/** Steps done, and the first chapter not finished yet. */
export function courseState(chapters: OutlineChapter[], done: Done): CourseState {
  let count = 0;
  let total = 0;
  let next: OutlineChapter | null = null;
  for (const chapter of chapters) {
    const state = chapterState(chapter, done);
    count += state.done;
    total += state.total;
    if (!next && !state.finished) next = chapter;
  }
  return { done: count, total, percent: total ? Math.round((100 * count) / total) : 0, next, started: count > 0 };
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
