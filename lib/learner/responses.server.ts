// Responses shared by handlers that need the learner cookie.
import "server-only";
import { jsonError } from "@/lib/http.server";
import { clearLearnerCookie } from "./learner.server";

export function invalidLearnerCookie(message: string) {
  const response = jsonError(400, `Your learner cookie is not valid (${message}); it has been cleared, please retry.`);
  clearLearnerCookie(response);
  return response;
}

export function missingLearnerCookie() {
  return jsonError(401, "No learner cookie: reload the page so this browser gets one, then submit again.");
}
