// Draws a learner's round by keyed MAC so a copied key cannot pass (decision 0171).
import { createHmac } from "node:crypto";

/** Least share of a round made of questions with per-learner numbers. */
export const VARYING_SHARE = 0.4;

export type Drawable = { id: string; varying: boolean };

export function drawRound(key: Buffer, seed: string, bank: readonly Drawable[], size: number): string[] {
  const rank = new Map(bank.map((q) => [q.id, createHmac("sha256", key).update(`round\u0000${seed}\u0000${q.id}`).digest("hex")]));
  const byRank = (a: Drawable, b: Drawable) => (rank.get(a.id)! < rank.get(b.id)! ? -1 : 1);
  const n = Math.min(size, bank.length);
  const varying = bank.filter((q) => q.varying).sort(byRank);
  const fixed = bank.filter((q) => !q.varying).sort(byRank);
  const wantVarying = Math.min(varying.length, Math.ceil(VARYING_SHARE * n));
  const chosen = varying.slice(0, wantVarying);
  const rest = [...varying.slice(wantVarying), ...fixed].sort(byRank).slice(0, n - chosen.length);
  return [...chosen, ...rest].sort(byRank).map((q) => q.id);
}
