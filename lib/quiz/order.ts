// Per-learner choice order under opaque ids (decision 0102).
import { createHmac } from "node:crypto";

export type ChoiceView = {
  /** Authoring ids in the order this learner sees them. */
  order: string[];
  publicId: Map<string, string>;
  authoringId: Map<string, string>;
};

export type ViewKey = { learnerId: string; quizRevision: string; questionId: string; round: number };

const mac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/** `shuffle: false` keeps the author's order (e.g. "all of the above" last); ids stay opaque. */
export function choiceView(key: Buffer, at: ViewKey, choiceIds: readonly string[], shuffle: boolean): ChoiceView {
  const base = `${at.learnerId}\u0000${at.quizRevision}\u0000${at.questionId}\u0000${at.round}\u0000`;
  // Sorting by each choice's MAC: a uniform keyed permutation without RNG state.
  const rank = new Map(choiceIds.map((id) => [id, mac(key, `order\u0000${base}${id}`).toString("hex")]));
  const order = shuffle ? [...choiceIds].sort((a, b) => (rank.get(a)! < rank.get(b)! ? -1 : 1)) : [...choiceIds];
  const publicId = new Map(choiceIds.map((id) => [id, mac(key, `id\u0000${base}${id}`).toString("base64url").slice(0, 12)]));
  return { order, publicId, authoringId: new Map([...publicId].map(([a, p]) => [p, a])) };
}
