// Renders the compiled lesson: static HTML runs as they are (the browser never hydrates them),
// islands (cells, lab figures, callouts) through React with the MDX component map.
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { CSSProperties, ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { CodeCell } from "@/components/code-cell/CodeCell";
import { Exercise, ExerciseHint } from "@/components/exercise/Exercise";
import type { CellProps } from "@/lib/content/cells";
import type { ExerciseProps } from "@/lib/content/exercises";
import type { LessonSegment } from "@/lib/content/lesson-html";
import { mdxComponents } from "./components";

type Expression = { type: string; value?: unknown; name?: string; body?: { expression?: Expression }[] };

// MDX attribute values in our content are literals (seed={42}) and component names
// (<MaskFigure />) come from the fixed map; anything else is a content error.
const literalsAndComponents = (components: Record<string, unknown>) => () => ({
  evaluateExpression(expression: Expression): unknown {
    if (expression.type === "Literal") return expression.value;
    if (expression.type === "Identifier" && expression.name && Object.hasOwn(components, expression.name))
      return components[expression.name];
    throw new Error(
      `MDX: only literal attribute values and the components in components/mdx/components.tsx can be used, got ${expression.type} ${expression.name ?? ""}`,
    );
  },
  evaluateProgram(program: Expression) {
    const first = program.body?.[0]?.expression;
    return first ? this.evaluateExpression(first) : undefined;
  },
});

export function LessonBody({ segments, chapterId, revision }: { segments: LessonSegment[]; chapterId: string; revision: string }) {
  // Cells keep learner edits per chapter and revision, so they get both from here.
  const BoundCodeCell = (props: CellProps) => <CodeCell {...props} chapterId={chapterId} revision={revision} />;
  const BoundExercise = (props: ExerciseProps & { children?: ReactNode }) => (
    <Exercise {...props} chapterId={chapterId} revision={revision} />
  );
  const components = { ...mdxComponents, CodeCell: BoundCodeCell, Exercise: BoundExercise, ExerciseHint };
  return segments.map((segment, i) =>
    segment.type === "html" ? (
      <div
        key={i}
        className="lesson-html"
        // The run's placeholder height while it is off screen (app/globals.css).
        style={{ "--run-wide": `${segment.height.wide}px`, "--run-narrow": `${segment.height.narrow}px` } as CSSProperties}
        dangerouslySetInnerHTML={{ __html: segment.html }}
      />
    ) : (
      <Fragment key={i}>
        {toJsxRuntime(segment.node, {
          Fragment,
          jsx,
          jsxs,
          components: components as never,
          createEvaluater: literalsAndComponents(components) as never,
          elementAttributeNameCase: "react",
          stylePropertyNameCase: "dom",
        })}
      </Fragment>
    ),
  );
}
