// One lab figure's runs on the page's lab worker: starts and stops them, and hands the figure
// only the messages about its own current run (late messages of a stopped run are dropped).
import { useEffect, useRef } from "react";
import type { FromLab, LabBackend, ToLab } from "./lab/protocol";

const loadLab = () => import("./lab/client").then((m) => m.getLab());

type Job = Omit<Extract<ToLab, { type: "experiment" }>, "runId"> | Omit<Extract<ToLab, { type: "mc" }>, "runId">;
type RunMessage = Exclude<FromLab, { type: "ready" | "error" | "done" }>;

export type LabRunHandlers = {
  onMessage: (message: RunMessage) => void;
  onDone: (done: { ms: number; backend: LabBackend }) => void;
  onError: (message: string) => void;
};

/** Starts the lab worker (and tfjs) and the chart renderer ahead of the first run. */
export function warmLab() {
  void loadLab().then((lab) => lab.warm());
  void import("@/components/charts/render").then((m) => m.warmRenderer());
}

export function useLabRun(handlers: LabRunHandlers) {
  const runIdRef = useRef<string | null>(null);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    void loadLab().then((lab) => {
      if (cancelled) return;
      unsubscribe = lab.subscribe((message) => {
        const current = runIdRef.current;
        if (message.type === "ready" || !current) return;
        if (message.type === "error") {
          if (message.runId && message.runId !== current) return;
          runIdRef.current = null;
          handlersRef.current.onError(message.message);
        } else if (message.runId !== current) {
          return;
        } else if (message.type === "done") {
          runIdRef.current = null;
          handlersRef.current.onDone({ ms: message.ms, backend: message.backend });
        } else {
          handlersRef.current.onMessage(message);
        }
      });
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);

  return {
    async start(job: Job) {
      const lab = await loadLab();
      runIdRef.current = lab.start(job);
    },
    /** Ends the current run at once (the worker is replaced); its late messages are dropped. */
    async stop() {
      runIdRef.current = null; // before any await: a checkpoint already queued must not count
      const lab = await loadLab();
      lab.stop();
    },
  };
}
