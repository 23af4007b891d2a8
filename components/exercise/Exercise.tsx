// An exercise in a lesson (server side): splits the compiled MDX children into the task and the
// hints, and hands them to the interactive panel. See lib/content/exercises.ts for the MDX form.
import { Children, isValidElement, type ReactNode } from "react";
import type { ExerciseProps } from "@/lib/content/exercises";
import { ExercisePanel } from "./ExercisePanel";

/** A hint's content; the panel shows hints one at a time, on request. */
export function ExerciseHint({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

type Props = ExerciseProps & { chapterId: string; revision: string; children?: ReactNode };

export function Exercise({ children, ...props }: Props) {
  const task: ReactNode[] = [];
  const hints: ReactNode[] = [];
  Children.forEach(children, (child) => {
    if (isValidElement<{ children?: ReactNode }>(child) && child.type === ExerciseHint) hints.push(child.props.children);
    else if (!(typeof child === "string" && !child.trim())) task.push(child);
  });
  return <ExercisePanel {...props} task={task} hints={hints} />;
}
