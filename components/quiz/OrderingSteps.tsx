"use client";
// An ordering question's steps: a numbered list the learner rearranges with Move up / Move down
// (keyboard and touch alike); once the solution shows, each step says whether it is in place.
import type { Ref } from "react";
import type { PublicChoice } from "@/lib/quiz/types";
import styles from "./OrderingSteps.module.css";

type Props = {
  steps: PublicChoice[];
  order: string[];
  onOrder: (order: string[]) => void;
  locked: boolean;
  /** With the solution: the step ids in the right order. */
  correctOrder?: string[];
  firstRef: Ref<HTMLButtonElement & HTMLInputElement>;
  number: number;
};

export function OrderingSteps({ steps, order, onOrder, locked, correctOrder, firstRef, number }: Props) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const move = (from: number, to: number) => {
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onOrder(next);
    // Keep focus with the step that moved: its button at the new place.
    requestAnimationFrame(() => {
      const button = document.querySelector<HTMLButtonElement>(`[data-step-move="${number}-${item}-${to < from ? "up" : "down"}"]`);
      (button && !button.disabled
        ? button
        : document.querySelector<HTMLButtonElement>(`[data-step-move^="${number}-${item}-"]:not(:disabled)`)
      )?.focus();
    });
  };
  return (
    <ol className={styles.steps} aria-label={`Steps of question ${number}, in your order`}>
      {order.map((id, i) => {
        const step = byId.get(id)!;
        const place = correctOrder ? (correctOrder[i] === id ? "right" : "wrong") : undefined;
        const name = step.label ?? step.html.replace(/<[^>]+>/g, "");
        return (
          <li key={id} className={styles.step} data-state={place}>
            <span className={styles.position} aria-hidden="true">
              {i + 1}.
            </span>
            <span className={styles.text} dangerouslySetInnerHTML={{ __html: step.html }} />
            {place ? (
              <span className={styles.mark}>{place === "right" ? "✓ in place" : `✗ belongs at ${correctOrder!.indexOf(id) + 1}`}</span>
            ) : null}
            <span className={styles.buttons}>
              <button
                ref={i === 0 ? firstRef : undefined}
                type="button"
                data-step-move={`${number}-${id}-up`}
                disabled={locked || i === 0}
                onClick={() => move(i, i - 1)}
                aria-label={`Move up: ${name}`}
              >
                ↑
              </button>
              <button
                type="button"
                data-step-move={`${number}-${id}-down`}
                disabled={locked || i === order.length - 1}
                onClick={() => move(i, i + 1)}
                aria-label={`Move down: ${name}`}
              >
                ↓
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
