"use client";
// Shows a lab figure's server-rendered static version until the reader comes near it, then loads
// its interactive code and swaps it in. Loading on approach (or when the reader focuses or points
// into the figure) keeps the labs, their charts and their first render out of the lesson's load:
// a lesson opened at the top does none of that work. Without JavaScript the static version is
// what readers get.
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";

const LABS = {
  mask: () => import("./MaskLab").then((m) => m.MaskLab),
  experiment: () => import("./DropoutExperiment").then((m) => m.DropoutExperiment),
  "mc-dropout": () => import("./McDropoutDemo").then((m) => m.McDropoutDemo),
} satisfies Record<string, () => Promise<ComponentType>>;

export type LabName = keyof typeof LABS;

/** How far ahead of the viewport a figure starts loading: a screen above and below it. */
const APPROACH_MARGIN = "100% 0px";

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
        (component) => live && setLab(() => component),
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
