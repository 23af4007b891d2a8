-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "clear" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Feedback_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Feedback_chapterId_revision_idx" ON "Feedback"("chapterId", "revision");

-- CreateIndex
CREATE INDEX "Feedback_updatedAt_idx" ON "Feedback"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_learnerId_chapterId_revision_key" ON "Feedback"("learnerId", "chapterId", "revision");
