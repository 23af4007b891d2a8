// What an exercise keeps in this browser between visits: hints shown, whether it was checked,
// and the learner's own attempt while the solution is in the editor.
export type ExerciseState = { hints: number; checked: boolean; attempt: string | null };

export const NO_STATE: ExerciseState = { hints: 0, checked: false, attempt: null };

export const stateKey = (chapterId: string, id: string) => `lbr:exercise:${chapterId}:${id}`;

/** Parses what was stored (anything malformed gives the empty state: it is the learner's own storage). */
export function parseState(raw: string | null, maxHints: number): ExerciseState {
  if (!raw) return NO_STATE;
  try {
    const v = JSON.parse(raw) as Partial<ExerciseState>;
    return {
      hints: Number.isInteger(v.hints) ? Math.min(Math.max(v.hints as number, 0), maxHints) : 0,
      checked: v.checked === true,
      attempt: typeof v.attempt === "string" ? v.attempt : null,
    };
  } catch {
    return NO_STATE;
  }
}

export function loadState(key: string, maxHints: number): ExerciseState {
  try {
    return parseState(localStorage.getItem(key), maxHints);
  } catch {
    return NO_STATE;
  }
}

export function saveState(key: string, state: ExerciseState) {
  try {
    localStorage.setItem(key, JSON.stringify(state));
  } catch {
    // storage full or disabled: the state lasts for this page
  }
}
