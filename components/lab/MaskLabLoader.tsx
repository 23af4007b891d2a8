"use client";
// Shows the server-rendered static figure until the interactive lab's code has loaded, then the
// lab. Loading it after hydration keeps the lab out of the lesson's first-load JavaScript.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";

export function MaskLabLoader({ children }: { children: ReactNode }) {
  const [Lab, setLab] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    import("./MaskLab").then(
      (m) => live && setLab(() => m.MaskLab),
      () => undefined, // offline or a stale deployment: the static figure stays, which still teaches
    );
    return () => {
      live = false;
    };
  }, []);
  return Lab ? <Lab /> : children;
}
