// Every message the runner and exercise checks print, and what to do (content/help/runner-messages.md).
import type { Metadata } from "next";
import { HelpArticle, helpMetadata } from "../HelpArticle";

const SLUG = "runner-messages";

export const metadata: Metadata = helpMetadata(SLUG);

export default function RunnerMessagesPage() {
  return <HelpArticle slug={SLUG} />;
}
