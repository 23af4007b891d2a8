// Retrieval quality on the courses' question sets (tests and bench/ask.mjs).
import type { Course } from "../content/load";
import { readQuestionSets, type QuestionSet } from "./course-data";
import { answerFromCourse } from "./retrieve";
import type { PassageIndex } from "./search";

export type { QuestionSet, TestQuestion } from "./course-data";

export function questionSets(courses: Course[]): QuestionSet[] {
  return courses.flatMap(readQuestionSets);
}

export type Outcome = {
  question: string;
  expected: string[] | "not covered";
  kind: "course" | "not-covered";
  confidence: number;
  /** The first three hrefs found, whatever the answer. */
  found: string[];
  quoted: string[];
  /** Covered: a right section first. Not covered: declined. */
  right: boolean;
};

export type SetReport = {
  set: QuestionSet;
  outcomes: Outcome[];
  covered: number;
  firstRight: number;
  quotedRight: number;
  notCovered: number;
  declined: number;
  /** Expected sections no passage has (a renamed heading, a typo). */
  unknownRefs: string[];
};

const share = (n: number, of: number) => (of === 0 ? 1 : n / of);

export function evaluateSet(index: PassageIndex, set: QuestionSet): SetReport {
  const hrefs = new Set([...index.passages.values()].map((p) => p.href));
  const unknownRefs = [...new Set(set.questions.flatMap((q) => (q.answers === "not covered" ? [] : q.answers)))].filter(
    (h) => !hrefs.has(h),
  );
  const outcomes = set.questions.map((q): Outcome => {
    const { answer, hits } = answerFromCourse(index, q.ask, set.chapterId);
    const quoted = answer.kind === "course" ? answer.parts.map((p) => p.href) : [];
    const right =
      q.answers === "not covered" ? answer.kind === "not-covered" : answer.kind === "course" && q.answers.includes(hits[0]!.href);
    return {
      question: q.ask,
      expected: q.answers,
      kind: answer.kind,
      confidence: answer.confidence,
      found: hits.slice(0, 3).map((h) => h.href),
      quoted,
      right,
    };
  });
  const covered = outcomes.filter((o) => o.expected !== "not covered");
  return {
    set,
    outcomes,
    covered: covered.length,
    firstRight: covered.filter((o) => o.right).length,
    quotedRight: covered.filter((o) => o.expected !== "not covered" && o.quoted.some((h) => o.expected.includes(h))).length,
    notCovered: outcomes.length - covered.length,
    declined: outcomes.filter((o) => o.expected === "not covered" && o.right).length,
    unknownRefs,
  };
}

export const rates = (r: SetReport) => ({
  firstRight: share(r.firstRight, r.covered),
  quotedRight: share(r.quotedRight, r.covered),
  declined: share(r.declined, r.notCovered),
  overall: share(r.firstRight + r.declined, r.outcomes.length),
});

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const short = (href: string) => href.replace(/^\/courses\/[^/]+\/[^/]+\//, "").replace(/^\/help\//, "help:");

export function describeReport(r: SetReport, { misses = true } = {}): string[] {
  const x = rates(r);
  const lines = [
    `${r.set.title} (${r.set.file}, ${r.outcomes.length} questions)`,
    `  right section first   ${r.firstRight}/${r.covered} (${pct(x.firstRight)})   quoted among the answer's sections ${r.quotedRight}/${r.covered} (${pct(x.quotedRight)})   floor ${pct(r.set.floor.firstRight)}`,
    `  declined (not covered) ${r.declined}/${r.notCovered} (${pct(x.declined)})   floor ${pct(r.set.floor.declined)}`,
    `  overall                ${r.firstRight + r.declined}/${r.outcomes.length} (${pct(x.overall)})`,
  ];
  if (misses)
    for (const o of r.outcomes.filter((o) => !o.right))
      lines.push(
        `  ✗ ${o.question}\n      expected ${o.expected === "not covered" ? "not covered" : o.expected.map(short).join(" | ")}; got ${o.kind} (confidence ${o.confidence.toFixed(2)}): ${o.found.map(short).join(" | ")}`,
      );
  for (const ref of r.unknownRefs) lines.push(`  ? no section at ${ref}`);
  return lines;
}
