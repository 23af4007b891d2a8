// What the benchmarks' in-page scripts keep on `window` between page.evaluate calls.
declare global {
  interface Window {
    /** bench/cell-help.mjs: when the first key went down in the watched cell, and when its underline appeared. */
    __keyAt: number;
    __diagAt: number;
    /** bench/lab.mjs: durations (ms) of the long main-thread tasks seen while the lab trains. */
    __longTasks: number[];
  }
}

export {};
