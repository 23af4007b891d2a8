-- DropIndex
DROP INDEX "QuizAttempt_chapterId_questionId_idx";

-- CreateIndex
CREATE INDEX "QuizAttempt_chapterId_questionId_learnerId_attempt_score_correct_idx" ON "QuizAttempt"("chapterId", "questionId", "learnerId", "attempt", "score", "correct");

-- CreateIndex
CREATE INDEX "QuizAttempt_chapterId_questionId_selected_idx" ON "QuizAttempt"("chapterId", "questionId", "selected");
