-- CreateTable
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuthorSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChapterProgress" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "readAt" DATETIME,
    "cellsRun" TEXT NOT NULL DEFAULT '[]',
    "quizBestScore" REAL,
    "quizPassedAt" DATETIME,
    "quizRound" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ChapterProgress_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChapterProgress" ("cellsRun", "chapterId", "id", "learnerId", "quizBestScore", "quizPassedAt", "readAt", "revision", "updatedAt") SELECT "cellsRun", "chapterId", "id", "learnerId", "quizBestScore", "quizPassedAt", "readAt", "revision", "updatedAt" FROM "ChapterProgress";
DROP TABLE "ChapterProgress";
ALTER TABLE "new_ChapterProgress" RENAME TO "ChapterProgress";
CREATE INDEX "ChapterProgress_chapterId_idx" ON "ChapterProgress"("chapterId");
CREATE UNIQUE INDEX "ChapterProgress_learnerId_chapterId_key" ON "ChapterProgress"("learnerId", "chapterId");
CREATE TABLE "new_QuizAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "attempt" INTEGER NOT NULL,
    "selected" TEXT NOT NULL,
    "shownOrder" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("attempt", "chapterId", "correct", "createdAt", "id", "learnerId", "questionId", "revision", "score", "selected", "shownOrder") SELECT "attempt", "chapterId", "correct", "createdAt", "id", "learnerId", "questionId", "revision", "score", "selected", "shownOrder" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE INDEX "QuizAttempt_chapterId_questionId_learnerId_round_attempt_score_correct_idx" ON "QuizAttempt"("chapterId", "questionId", "learnerId", "round", "attempt", "score", "correct");
CREATE INDEX "QuizAttempt_chapterId_questionId_selected_idx" ON "QuizAttempt"("chapterId", "questionId", "selected");
CREATE UNIQUE INDEX "QuizAttempt_learnerId_chapterId_questionId_round_attempt_key" ON "QuizAttempt"("learnerId", "chapterId", "questionId", "round", "attempt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuthorSession_expiresAt_idx" ON "AuthorSession"("expiresAt");
