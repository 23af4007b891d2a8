/*
  Warnings:

  - A unique constraint covering the columns `[learnerId,chapterId,questionId,round,attempt]` on the table `QuizAttempt` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "QuizAttempt_chapterId_questionId_learnerId_attempt_score_co_idx";

-- DropIndex
DROP INDEX "QuizAttempt_learnerId_chapterId_questionId_attempt_key";

-- AlterTable
ALTER TABLE "ChapterProgress" ADD COLUMN     "quizRound" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AuthorSession" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthorSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthorSession_expiresAt_idx" ON "AuthorSession"("expiresAt");

-- CreateIndex
CREATE INDEX "QuizAttempt_chapterId_questionId_learnerId_round_attempt_sc_idx" ON "QuizAttempt"("chapterId", "questionId", "learnerId", "round", "attempt", "score", "correct");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_learnerId_chapterId_questionId_round_attempt_key" ON "QuizAttempt"("learnerId", "chapterId", "questionId", "round", "attempt");
