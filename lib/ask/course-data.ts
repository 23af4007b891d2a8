// A course's `ask/` folder: vocabulary.yaml and *questions.yaml test sets.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { chaptersInOrder, type Course } from "../content/load";
import { describeIssues } from "../schemas/issues";
import { compileVocabulary, vocabularyFileSchema, type Vocabulary } from "./vocabulary";

export const ASK_FOLDER = "ask";
export const VOCABULARY_FILE = "vocabulary.yaml";
export const QUESTIONS_FILE = /(?:^|-)questions\.ya?ml$/;

export class AskDataError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "AskDataError";
  }
}

const rel = (file: string) => path.relative(process.cwd(), file) || file;

export function courseDir(course: Course): string | undefined {
  const first = chaptersInOrder(course)[0];
  return first && path.dirname(path.dirname(first.file));
}

export function askDir(course: Course): string | undefined {
  const dir = courseDir(course);
  return dir && path.join(dir, ASK_FOLDER);
}

function readYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(/* turbopackIgnore: true */ file, "utf8"), { uniqueKeys: true });
  } catch (e) {
    throw new AskDataError(rel(file), `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AskDataError(rel(file), describeIssues(parsed.error));
  return parsed.data;
}

export function readVocabulary(course: Course): { file?: string; vocabulary: Vocabulary } {
  const dir = askDir(course);
  const file = dir && path.join(dir, VOCABULARY_FILE);
  if (!file || !fs.existsSync(/* turbopackIgnore: true */ file)) return { vocabulary: [] };
  return { file, vocabulary: compileVocabulary(readYaml(file, vocabularyFileSchema)) };
}

const sectionRef = z
  .string()
  .regex(
    /^(?:[a-z0-9-]+\/[a-z0-9-]+|\/[a-z0-9/-]+)(?:#[a-z0-9-]+)?$/,
    'must be "section/chapter#anchor" of this course, or a page path like "/help/runner-messages#anchor"',
  );

const NOT_COVERED = "not covered";

const questionSchema = z
  .object({
    ask: z.string().trim().min(3).max(1_000),
    /** Any of them first is right. */
    answers: z.union([z.literal(NOT_COVERED), z.array(sectionRef).min(1)]),
    /** Where a learner asked it. */
    source: z.url().optional(),
    note: z.string().max(500).optional(),
  })
  .strict();

const share = z.number().min(0).max(1);

export const questionSetSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    about: z.string().trim().max(1_000).optional(),
    /** Every question is a learner's own words from a public page, with its `source`. */
    collected: z.boolean().default(false),
    askedFrom: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be "section/chapter"'),
    /** The least shares the retrieval test accepts, set from a bench/ask.mjs run. */
    floor: z.object({ firstRight: share, declined: share }).strict(),
    questions: z.array(questionSchema).min(1).max(1_000),
  })
  .strict()
  .superRefine((set, ctx) => {
    set.questions.forEach((q, i) => {
      if (set.collected && !q.source)
        ctx.addIssue({
          code: "custom",
          path: ["questions", i, "source"],
          message: "a collected question needs the address it was asked at",
        });
    });
    const seen = new Set<string>();
    set.questions.forEach((q, i) => {
      const key = q.ask.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["questions", i, "ask"], message: `asked twice: "${q.ask}"` });
      seen.add(key);
    });
  });

export type QuestionSetFile = z.infer<typeof questionSetSchema>;

export type TestQuestion = { ask: string; answers: string[] | "not covered"; source?: string; note?: string };

export type QuestionSet = {
  file: string;
  title: string;
  about?: string;
  collected: boolean;
  chapterId: string;
  floor: { firstRight: number; declined: number };
  questions: TestQuestion[];
};

export function resolveRef(course: Course, ref: string): string {
  return ref.startsWith("/") ? ref : `${course.href}/${ref}`;
}

export function readQuestionSets(course: Course): QuestionSet[] {
  const dir = askDir(course);
  if (!dir || !fs.existsSync(/* turbopackIgnore: true */ dir)) return [];
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => QUESTIONS_FILE.test(f))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const set = readYaml(file, questionSetSchema);
      const chapterId = `${course.slug}/${set.askedFrom}`;
      if (!chaptersInOrder(course).some((c) => c.id === chapterId))
        throw new AskDataError(rel(file), `askedFrom: no chapter "${set.askedFrom}" in course "${course.slug}"`);
      return {
        file: rel(file),
        title: set.title,
        about: set.about,
        collected: set.collected,
        chapterId,
        floor: set.floor,
        questions: set.questions.map((q) => ({
          ask: q.ask,
          answers: q.answers === NOT_COVERED ? NOT_COVERED : q.answers.map((r) => resolveRef(course, r)),
          source: q.source,
          note: q.note,
        })),
      };
    });
}

export function askFiles(course: Course): { file: string; text: string }[] {
  const dir = askDir(course);
  if (!dir || !fs.existsSync(/* turbopackIgnore: true */ dir)) return [];
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({
      file: `${course.slug}/${ASK_FOLDER}/${f}`,
      text: fs.readFileSync(/* turbopackIgnore: true */ path.join(dir, f), "utf8"),
    }));
}
