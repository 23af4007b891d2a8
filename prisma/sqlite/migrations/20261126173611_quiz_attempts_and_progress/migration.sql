-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "selected" TEXT NOT NULL,
    "shownOrder" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ChapterProgress_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChapterProgress" ("chapterId", "id", "learnerId", "readAt", "revision", "updatedAt") SELECT "chapterId", "id", "learnerId", "readAt", "revision", "updatedAt" FROM "ChapterProgress";
DROP TABLE "ChapterProgress";
ALTER TABLE "new_ChapterProgress" RENAME TO "ChapterProgress";
CREATE INDEX "ChapterProgress_chapterId_idx" ON "ChapterProgress"("chapterId");
CREATE UNIQUE INDEX "ChapterProgress_learnerId_chapterId_key" ON "ChapterProgress"("learnerId", "chapterId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "QuizAttempt_chapterId_questionId_idx" ON "QuizAttempt"("chapterId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_learnerId_chapterId_questionId_attempt_key" ON "QuizAttempt"("learnerId", "chapterId", "questionId", "attempt");
