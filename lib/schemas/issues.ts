// One line naming every problem zod found, for build errors and 4xx answers alike.
import type { z } from "zod";

/** "title: Invalid input: expected string, received number; order: ..." */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
