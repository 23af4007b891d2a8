// The real courses pass the content check: every chapter compiles, every quiz is valid.
import path from "node:path";
import { checkContent } from "./content-check.server";
import { chaptersInOrder, loadCourses } from "@/lib/content/load";

jest.setTimeout(120_000);

it("accepts the real content and compiles every chapter", async () => {
  const dir = path.resolve(__dirname, "../../content");
  const chapters = loadCourses(dir).flatMap(chaptersInOrder);
  const summary = await checkContent([dir]);
  expect(summary.compiled).toBe(chapters.length);
  expect(summary.quizzes).toBeGreaterThanOrEqual(1);
});
