// Item analysis after Moodle's quiz statistics (definitions: decision 0171, Notes).

export const LIMITS = { easy: 0.9, hard: 0.2, minFirstAttempts: 10 } as const;

export type Flag = "too-easy" | "too-hard" | "negative-discrimination" | "few-data";

export const FLAG_TEXT: Record<Flag, string> = {
  "too-easy": `too easy (facility > ${LIMITS.easy * 100}%)`,
  "too-hard": `too hard (facility < ${LIMITS.hard * 100}%)`,
  "negative-discrimination": "negative discrimination (r < 0)",
  "few-data": `few data (< ${LIMITS.minFirstAttempts} first attempts)`,
};

export function flagsFor(s: { facility: number | null; discrimination: number | null; firstAttempts: number }): Flag[] {
  const flags: Flag[] = [];
  if (s.facility !== null && s.facility > LIMITS.easy) flags.push("too-easy");
  if (s.facility !== null && s.facility < LIMITS.hard) flags.push("too-hard");
  if (s.discrimination !== null && s.discrimination < 0) flags.push("negative-discrimination");
  if (s.firstAttempts < LIMITS.minFirstAttempts) flags.push("few-data");
  return flags;
}

/** What SQL can aggregate in one pass. */
export type Sums = { n: number; sx: number; sy: number; sxx: number; syy: number; sxy: number };

export function sumsOf(pairs: readonly (readonly [number, number])[]): Sums {
  const s: Sums = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
  for (const [x, y] of pairs) {
    s.n += 1;
    s.sx += x;
    s.sy += y;
    s.sxx += x * x;
    s.syy += y * y;
    s.sxy += x * y;
  }
  return s;
}

/** Pearson's r; null with fewer than 2 pairs or when either side does not vary. */
export function correlationFromSums(s: Sums): number | null {
  if (s.n < 2) return null;
  const vx = s.sxx - (s.sx * s.sx) / s.n;
  const vy = s.syy - (s.sy * s.sy) / s.n;
  if (vx <= 1e-12 * s.n || vy <= 1e-12 * s.n) return null;
  const r = (s.sxy - (s.sx * s.sy) / s.n) / Math.sqrt(vx * vy);
  return Math.max(-1, Math.min(1, r));
}

export const pointBiserial = (pairs: readonly (readonly [number, number])[]) => correlationFromSums(sumsOf(pairs));

export type AttemptRow = {
  learnerId: string;
  chapterId: string;
  questionId: string;
  round: number;
  attempt: number;
  informed: boolean;
  score: number;
  correct: boolean;
};

export type Discrimination = { n: number; r: number | null; rest: number | null };

/** The reference the SQL in report.server.ts must agree with (tests compare the two). */
export function discriminationFromRows(rows: readonly AttemptRow[]): Map<string, Discrimination> {
  const rounds = new Map<string, { informed: boolean; items: { key: string; score: number }[] }>();
  for (const a of rows) {
    if (a.attempt !== 1) continue;
    const id = JSON.stringify([a.learnerId, a.chapterId, a.round]);
    const round = rounds.get(id) ?? { informed: false, items: [] };
    round.informed ||= a.informed;
    round.items.push({ key: `${a.chapterId}/${a.questionId}`, score: a.score });
    rounds.set(id, round);
  }
  const pairs = new Map<string, { total: [number, number][]; rest: [number, number][] }>();
  for (const round of rounds.values()) {
    const k = round.items.length;
    if (round.informed || k < 2) continue;
    const sum = round.items.reduce((t, i) => t + i.score, 0);
    for (const item of round.items) {
      const p = pairs.get(item.key) ?? { total: [], rest: [] };
      p.total.push([item.score, sum / k]);
      p.rest.push([item.score, (sum - item.score) / (k - 1)]);
      pairs.set(item.key, p);
    }
  }
  return new Map([...pairs].map(([key, p]) => [key, { n: p.total.length, r: pointBiserial(p.total), rest: pointBiserial(p.rest) }]));
}

/** Reference for the SQL, as above. */
export function facilityFromRows(
  rows: readonly AttemptRow[],
): Map<string, { firstAttempts: number; correct: number; facility: number | null }> {
  const out = new Map<string, { firstAttempts: number; correct: number; facility: number | null }>();
  for (const a of rows) {
    if (a.attempt !== 1 || a.informed) continue;
    const key = `${a.chapterId}/${a.questionId}`;
    const f = out.get(key) ?? { firstAttempts: 0, correct: 0, facility: null };
    f.firstAttempts += 1;
    if (a.correct) f.correct += 1;
    f.facility = f.correct / f.firstAttempts;
    out.set(key, f);
  }
  return out;
}

export type Third = "low" | "middle" | "high";
export const THIRDS: readonly Third[] = ["low", "middle", "high"];

/** Boundaries go to the middle, so evenly spaced values split symmetrically (0,1,2,3 → low, middle, middle, high). */
export function thirdOf(value: number, min: number, max: number): Third {
  const width = max - min;
  if (!(width > 0)) return "middle";
  const eps = width * 1e-9;
  if (value < min + width / 3 - eps) return "low";
  if (value > max - width / 3 + eps) return "high";
  return "middle";
}

export type ThirdStats = { third: Third; n: number; correct: number; facility: number | null; lo: number | null; hi: number | null };
export type ParamThirds = { name: string; min: number; max: number; thirds: ThirdStats[] };

/** `rows`: first attempts grouped by `params` JSON; a parameter missing from `ranges` is split over the values seen. */
export function paramThirds(
  rows: readonly { params: string | null; n: number; correct: number }[],
  ranges: Readonly<Record<string, { min: number; max: number }>> = {},
): ParamThirds[] {
  const seen = new Map<string, { value: number; n: number; correct: number }[]>();
  for (const row of rows) {
    let values: unknown;
    try {
      values = row.params ? JSON.parse(row.params) : null;
    } catch {
      continue;
    }
    if (!values || typeof values !== "object" || Array.isArray(values)) continue;
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      const list = seen.get(name) ?? [];
      list.push({ value, n: row.n, correct: row.correct });
      seen.set(name, list);
    }
  }
  const names = [...new Set([...Object.keys(ranges), ...seen.keys()])];
  return names.map((name) => {
    const list = seen.get(name) ?? [];
    const range = ranges[name] ?? {
      min: Math.min(...list.map((v) => v.value)),
      max: Math.max(...list.map((v) => v.value)),
    };
    const thirds = THIRDS.map((third): ThirdStats => ({ third, n: 0, correct: 0, facility: null, lo: null, hi: null }));
    for (const v of list) {
      const t = thirds[THIRDS.indexOf(thirdOf(v.value, range.min, range.max))]!;
      t.n += v.n;
      t.correct += v.correct;
      t.lo = t.lo === null ? v.value : Math.min(t.lo, v.value);
      t.hi = t.hi === null ? v.value : Math.max(t.hi, v.value);
    }
    for (const t of thirds) t.facility = t.n ? t.correct / t.n : null;
    return { name, min: range.min, max: range.max, thirds };
  });
}

const idsOf = (selected: string): string[] => {
  try {
    const ids: unknown = JSON.parse(selected);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
};

export function choicePicks(rows: readonly { selected: string; n: number }[], choiceIds: readonly string[]): Map<string, number> {
  const picks = new Map(choiceIds.map((id) => [id, 0]));
  for (const row of rows) for (const id of new Set(idsOf(row.selected))) if (picks.has(id)) picks.set(id, picks.get(id)! + row.n);
  return picks;
}

export function stepsInPlace(rows: readonly { selected: string; n: number }[], stepIds: readonly string[]): Map<string, number> {
  const inPlace = new Map(stepIds.map((id) => [id, 0]));
  for (const row of rows) {
    const order = idsOf(row.selected);
    stepIds.forEach((id, i) => {
      if (order[i] === id) inPlace.set(id, inPlace.get(id)! + row.n);
    });
  }
  return inPlace;
}
