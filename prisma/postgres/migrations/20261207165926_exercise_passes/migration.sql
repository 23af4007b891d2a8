-- Exercise passes per learner and chapter (a JSON array of exercise ids, like cellsRun).
ALTER TABLE "ChapterProgress" ADD COLUMN "exercisesPassed" TEXT NOT NULL DEFAULT '[]';
