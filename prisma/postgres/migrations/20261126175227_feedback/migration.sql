-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "clear" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Feedback_chapterId_revision_idx" ON "Feedback"("chapterId", "revision");

-- CreateIndex
CREATE INDEX "Feedback_updatedAt_idx" ON "Feedback"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_learnerId_chapterId_revision_key" ON "Feedback"("learnerId", "chapterId", "revision");

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
