"use client";
// Shows a lab figure's server-rendered static version until its interactive code has loaded,
// then the interactive version. Loading after hydration keeps the labs (and their charts) out of
// the lesson's first-load JavaScript; without JavaScript the static version is what readers get.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";

const LABS = {
  mask: () => import("./MaskLab").then((m) => m.MaskLab),
  experiment: () => import("./DropoutExperiment").then((m) => m.DropoutExperiment),
  "mc-dropout": () => import("./McDropoutDemo").then((m) => m.McDropoutDemo),
} satisfies Record<string, () => Promise<ComponentType>>;

export type LabName = keyof typeof LABS;

export function LazyLab({ name, children }: { name: LabName; children: ReactNode }) {
  const [Lab, setLab] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    LABS[name]().then(
      (component) => live && setLab(() => component),
      () => undefined, // offline or a stale deployment: the static figure stays, which still teaches
    );
    return () => {
      live = false;
    };
  }, [name]);
  return Lab ? <Lab /> : children;
}
