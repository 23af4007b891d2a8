// The content loader reads the real course: its sections in order, the Dropout chapter's place and URL.
import fs from "node:fs";
import path from "node:path";
import { chaptersInOrder, loadCourses, revisionOf } from "./load";

const REAL_CONTENT = path.resolve(__dirname, "../../content");

describe("the real content", () => {
  const courses = loadCourses(REAL_CONTENT);
  const course = courses[0]!;

  it("has the course with its sections in order", () => {
    expect(courses).toHaveLength(1);
    expect(course.title).toBe("Optimization and Regularization in Neural Networks");
    expect(course.sections.map((s) => [s.number, s.title])).toEqual([
      [1, "Optimization Basics"],
      [2, "Momentum and Adaptive Optimizers"],
      [3, "Regularization Techniques"],
    ]);
  });

  it("numbers the Dropout chapter Section 3 · Chapter 3 with a stable URL and a revision", () => {
    const dropout = chaptersInOrder(course).find((c) => c.slug === "dropout")!;
    expect(dropout.title).toBe("Dropout: Theory and Implementation");
    expect([dropout.sectionNumber, dropout.number]).toEqual([3, 3]);
    expect(dropout.href).toBe("/courses/optimization-regularization/regularization-techniques/dropout");
    expect(dropout.revision).toBe(revisionOf(fs.readFileSync(dropout.file)));
    expect(dropout.revision).toMatch(/^[0-9a-f]{12}$/);
  });

  it("has real neighbours for the Dropout chapter in Section 3", () => {
    expect(course.sections[2]!.chapters.map((c) => c.title)).toEqual([
      "Overfitting and Regularization",
      "L1 and L2 Weight Penalties",
      "Dropout: Theory and Implementation",
      "Monte Carlo Dropout",
      "Batch Normalization",
      "Early Stopping and Data Augmentation",
    ]);
  });

  it("declares the course's library as course/dropout", () => {
    expect(course.library).toEqual({
      id: "course/dropout",
      file: path.join(REAL_CONTENT, "courses/optimization-regularization/lib/index.ts"),
    });
  });
});
