"use client";
// Shows a lab figure's server-rendered static version until the reader comes near it, then loads
// its interactive code and swaps it in. Loading on approach (or when the reader focuses or points
// into the figure) keeps the labs, their charts and their first render out of the lesson's load:
// a lesson opened at the top does none of that work. Without JavaScript the static version is
// what readers get.
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { flushSync } from "react-dom";

const LABS = {
  mask: () => import("./MaskLab").then((m) => m.MaskLab),
  experiment: () => import("./DropoutExperiment").then((m) => m.DropoutExperiment),
  "mc-dropout": () => import("./McDropoutDemo").then((m) => m.McDropoutDemo),
} satisfies Record<string, () => Promise<ComponentType>>;

export type LabName = keyof typeof LABS;

/** How far ahead of the viewport a figure starts loading: a screen above and below it. */
const APPROACH_MARGIN = "100% 0px";

/**
 * Swaps the interactive figure in without moving what the reader is looking at. The interactive
 * figure is taller than the static one (by 270-980 px). When the static figure ends in the top
 * half of the screen or above it, the reader is looking at what follows, which the swap would
 * push down: the page scrolls by the difference. Otherwise the figure grows below its top, in
 * place. The browser's scroll anchoring does not cover this: its anchor is often inside the
 * figure, which the swap removes. The swap is rendered synchronously, so the page is never
 * painted moved.
 */
function swapIn(slot: HTMLElement, render: () => void) {
  const before = slot.getBoundingClientRect();
  flushSync(render);
  const after = slot.getBoundingClientRect(); // where the browser's own anchoring, if any, left it
  if (before.bottom < window.innerHeight / 2) window.scrollBy({ top: after.bottom - before.bottom, behavior: "instant" });
}

export function LazyLab({ name, children }: { name: LabName; children: ReactNode }) {
  const [Lab, setLab] = useState<ComponentType | null>(null);
  const slotRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const slot = slotRef.current;
    if (!slot) return;
    let live = true;
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      observer.disconnect();
      LABS[name]().then(
        (component) => live && swapIn(slot, () => setLab(() => component)),
        () => undefined, // offline or a stale deployment: the static figure stays, which still teaches
      );
    };
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), {
      rootMargin: APPROACH_MARGIN,
    });
    observer.observe(slot);
    slot.addEventListener("focusin", start);
    slot.addEventListener("pointerenter", start);
    return () => {
      live = false;
      observer.disconnect();
      slot.removeEventListener("focusin", start);
      slot.removeEventListener("pointerenter", start);
    };
  }, [name]);
  // The slot has no box styles of its own (the figure's margins collapse through it); it stays
  // around both versions, so the swap keeps the reader's place.
  return (
    <div ref={slotRef} className="lab-slot" data-lab-slot={name} data-lab-loaded={Lab ? "true" : "false"}>
      {Lab ? <Lab /> : children}
    </div>
  );
}
