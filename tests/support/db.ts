// Helpers for integration tests: the app's own Prisma client, row counts, and a clean slate.
import { db } from "@/lib/db.server";

export { db };

export async function countRows() {
  const [learners, progress, attempts, feedback, questions] = await Promise.all([
    db.learner.count(),
    db.chapterProgress.count(),
    db.quizAttempt.count(),
    db.feedback.count(),
    db.askQuestion.count(),
  ]);
  return { learners, progress, attempts, feedback, ...(questions ? { questions } : {}) };
}

/** Deletes every row, rate-limit counters too (Postgres runs share one database across test files). */
export async function resetDb() {
  await db.askQuestion.deleteMany();
  await db.feedback.deleteMany();
  await db.quizAttempt.deleteMany();
  await db.chapterProgress.deleteMany();
  await db.learner.deleteMany(); // passkeys and sessions go with their account
  await db.webAuthnChallenge.deleteMany();
  await db.rateLimit.deleteMany();
}
