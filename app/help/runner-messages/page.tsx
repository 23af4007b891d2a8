// /help/runner-messages: every message the code runner and the exercise checks print, with what
// it means and what to do (text: content/help/runner-messages.md; Ask AI cites its sections).
import type { Metadata } from "next";
import { HelpArticle, helpMetadata } from "../HelpArticle";

const SLUG = "runner-messages";

export const metadata: Metadata = helpMetadata(SLUG);

export default function RunnerMessagesPage() {
  return <HelpArticle slug={SLUG} />;
}
