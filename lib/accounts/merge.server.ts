// Moving an anonymous learner's rows into an account (decision 0176): at account creation and at
// each sign-in on a device that learned anonymously first.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Progress = {
  id: number;
  chapterId: string;
  revision: string;
  readAt: Date | null;
  cellsRun: string;
  exercisesPassed: string;
  quizBestScore: number | null;
  quizPassedAt: Date | null;
  quizRound: number;
  drawKey: string | null;
  updatedAt: Date;
};

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const union = (a: string, b: string) => JSON.stringify([...new Set([...(JSON.parse(a) as string[]), ...(JSON.parse(b) as string[])])]);

/**
 * Merges learner `from` (anonymous) into `into` and deletes `from`. Per chapter: read marks, cells
 * run and exercise passes are united, the earliest pass and the best score kept; the quiz history
 * (rounds and attempts) of the side with the better best score is kept (a tie: the account's), the
 * other's attempts for that chapter are dropped. Feedback on the same revision: the later vote.
 * An account is never merged into another.
 */
export async function mergeLearner(tx: Tx, from: string, into: string): Promise<void> {
  if (from === into) return;
  const source = await tx.learner.findUnique({ where: { id: from }, select: { accountCreatedAt: true } });
  if (!source || source.accountCreatedAt) return;
  const select = {
    id: true,
    chapterId: true,
    revision: true,
    readAt: true,
    cellsRun: true,
    exercisesPassed: true,
    quizBestScore: true,
    quizPassedAt: true,
    quizRound: true,
    drawKey: true,
    updatedAt: true,
  } as const;
  const [theirs, ours] = await Promise.all([
    tx.chapterProgress.findMany({ where: { learnerId: from }, select }),
    tx.chapterProgress.findMany({ where: { learnerId: into }, select }),
  ]);
  const oursByChapter = new Map<string, Progress>(ours.map((p) => [p.chapterId, p]));
  for (const row of theirs) {
    const kept = oursByChapter.get(row.chapterId);
    const moveAttempts = () =>
      tx.quizAttempt.updateMany({ where: { learnerId: from, chapterId: row.chapterId }, data: { learnerId: into } });
    if (!kept) {
      await tx.chapterProgress.update({ where: { id: row.id }, data: { learnerId: into, drawKey: row.drawKey ?? from } });
      await moveAttempts();
      continue;
    }
    const theirsBetter = (row.quizBestScore ?? -1) > (kept.quizBestScore ?? -1);
    if (theirsBetter) {
      await tx.quizAttempt.deleteMany({ where: { learnerId: into, chapterId: row.chapterId } });
      await moveAttempts();
    }
    const newer = row.updatedAt > kept.updatedAt ? row : kept;
    await tx.chapterProgress.delete({ where: { id: row.id } });
    await tx.chapterProgress.update({
      where: { id: kept.id },
      data: {
        revision: newer.revision,
        readAt: earliest(kept.readAt, row.readAt),
        cellsRun: union(kept.cellsRun, row.cellsRun),
        exercisesPassed: union(kept.exercisesPassed, row.exercisesPassed),
        quizBestScore: theirsBetter ? row.quizBestScore : kept.quizBestScore,
        quizPassedAt: earliest(kept.quizPassedAt, row.quizPassedAt),
        ...(theirsBetter ? { quizRound: row.quizRound, drawKey: row.drawKey ?? from } : {}),
      },
    });
  }

  const [theirVotes, ourVotes] = await Promise.all([
    tx.feedback.findMany({ where: { learnerId: from }, select: { id: true, chapterId: true, revision: true, updatedAt: true } }),
    tx.feedback.findMany({ where: { learnerId: into }, select: { id: true, chapterId: true, revision: true, updatedAt: true } }),
  ]);
  const ourVote = new Map(ourVotes.map((v) => [`${v.chapterId}\u0000${v.revision}`, v]));
  for (const vote of theirVotes) {
    const same = ourVote.get(`${vote.chapterId}\u0000${vote.revision}`);
    if (same && same.updatedAt >= vote.updatedAt) continue; // deleted with `from`
    if (same) await tx.feedback.delete({ where: { id: same.id } });
    await tx.feedback.update({ where: { id: vote.id }, data: { learnerId: into } });
  }
  await tx.askQuestion.updateMany({ where: { learnerId: from }, data: { learnerId: into } });
  await tx.learner.delete({ where: { id: from } });
  await tx.rateLimit.deleteMany({ where: { key: { endsWith: `learner:${from}` } } }); // the id is gone for good
}
