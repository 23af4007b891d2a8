-- AlterTable
ALTER TABLE "ChapterProgress" ADD COLUMN     "cellsRun" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "quizBestScore" DOUBLE PRECISION,
ADD COLUMN     "quizPassedAt" TIMESTAMP(3),
ALTER COLUMN "readAt" DROP NOT NULL,
ALTER COLUMN "readAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" SERIAL NOT NULL,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "selected" TEXT NOT NULL,
    "shownOrder" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuizAttempt_chapterId_questionId_idx" ON "QuizAttempt"("chapterId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_learnerId_chapterId_questionId_attempt_key" ON "QuizAttempt"("learnerId", "chapterId", "questionId", "attempt");

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
