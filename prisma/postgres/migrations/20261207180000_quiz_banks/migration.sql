-- Item banks: the numbers a computed item gave a learner, and attempts made after seeing solutions.
ALTER TABLE "QuizAttempt" ADD COLUMN "params" TEXT;
ALTER TABLE "QuizAttempt" ADD COLUMN "informed" BOOLEAN NOT NULL DEFAULT false;
