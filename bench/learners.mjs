// Learners as browsers get them, for benchmarks: a GET of the quiz state mints a signed cookie
// and gives that learner's choices (their own order, opaque ids). Minted before a timed run.
// @ts-check
import { load } from "./load.mjs";

/** @typedef {{ id: string; cookie: string; quizRevision: string; firstChoice: Record<string, string> }} Learner */

/**
 * `count` learners: { id, cookie, quizRevision, firstChoice: { [questionId]: shown id } }.
 * @param {string} baseURL
 * @param {string} chapterId
 * @param {number} count
 */
export async function mintLearners(baseURL, chapterId, count) {
  /** @type {Learner[]} */
  const learners = [];
  await load({
    clients: 16,
    seconds: 600,
    stopWhen: () => learners.length >= count,
    makeRequest: () => ({ url: `${baseURL}/api/quiz/state?chapterId=${encodeURIComponent(chapterId)}`, init: {} }),
    onResponse: async (response) => {
      // "lbr_learner=<id>.<signature>; Path=/; …": the cookie to send back, and the learner's id.
      const [cookie = ""] = response.headers.get("set-cookie")?.split(";") ?? [];
      const [, id] = /^[^=]+=([^.]+)\./.exec(cookie) ?? [];
      if (!id) throw new Error(`no signed learner cookie in the answer: "${cookie}"`);
      /** @type {{ quizRevision: string; questions: Record<string, { choices?: { id: string }[] }> }} */
      const state = await response.json();
      // The choice questions of this learner's round (numeric and ordering ones have no choices).
      const firstChoice = Object.fromEntries(
        Object.entries(state.questions).flatMap(([qid, q]) => (q.choices?.[0] ? [[qid, q.choices[0].id]] : [])),
      );
      learners.push({ id, cookie, quizRevision: state.quizRevision, firstChoice });
    },
  });
  return learners;
}
