// Learners as browsers get them, for benchmarks: a GET of the quiz state mints a signed cookie
// and gives that learner's choices (their own order, opaque ids). Minted before a timed run.
import { load } from "./load.mjs";

/** `count` learners: { id, cookie, quizRevision, firstChoice: { [questionId]: shown id } }. */
export async function mintLearners(baseURL, chapterId, count) {
  const learners = [];
  await load({
    clients: 16,
    seconds: 600,
    stopWhen: () => learners.length >= count,
    makeRequest: () => ({ url: `${baseURL}/api/quiz/state?chapterId=${encodeURIComponent(chapterId)}`, init: {} }),
    onResponse: async (response) => {
      const cookie = response.headers.get("set-cookie").split(";")[0];
      const state = await response.json();
      const firstChoice = Object.fromEntries(Object.entries(state.questions).map(([id, q]) => [id, q.choices[0].id]));
      learners.push({ id: cookie.split("=")[1].split(".")[0], cookie, quizRevision: state.quizRevision, firstChoice });
    },
  });
  return learners;
}
