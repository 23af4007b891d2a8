-- CreateTable
CREATE TABLE "AskQuestion" (
    "id" SERIAL NOT NULL,
    "learnerId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answeredBy" TEXT NOT NULL,
    "withCode" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AskQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AskQuestion_chapterId_createdAt_idx" ON "AskQuestion"("chapterId", "createdAt");

-- AddForeignKey
ALTER TABLE "AskQuestion" ADD CONSTRAINT "AskQuestion_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
