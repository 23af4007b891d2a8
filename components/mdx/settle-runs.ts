// Lays out, once and one per frame, each lesson run below the screen that the browser has not
// laid out yet, so that its placeholder takes its real height before the reader gets there.
//
// Off-screen runs are `content-visibility: auto` with a height estimated at build time
// (lib/content/lesson-html.ts). A run laid out for the first time as the reader scrolls to it
// corrects that estimate there and then, and everything below it moves by the error: tens of
// pixels under a finger or a click (the quiz moved 42 px, just after a scroll to its first
// choice, on a 1280 px screen). `contain-intrinsic-block-size: auto` remembers the height of a
// run once it has been laid out, so laying each one out once, while nothing below it is on
// screen, leaves nothing to correct later. Runs above the screen are left to the browser: it
// lays them out as the reader scrolls up, and scroll anchoring keeps the page still.

/** Marks the document once every run below the screen has been laid out (tests wait for it). */
export const SETTLED_ATTRIBUTE = "data-runs-settled";

/** Starts settling the lesson's runs when the page is idle; returns a function that stops it. */
export function settleRuns(): () => void {
  let generation = 0; // a new pass (after a resize) or stop() ends the one under way
  let frame = 0;
  let idle = 0;
  let resizeTimer = 0;
  let current: HTMLElement | null = null;
  // Runs whose real height the browser has remembered, at the current column width.
  let settled = new WeakSet<Element>();
  let width = document.documentElement.clientWidth;

  const nextFrame = () =>
    new Promise<void>((resolve) => {
      frame = requestAnimationFrame(() => resolve());
    });

  /** The next run below the screen still at its estimated height, nearest first. */
  const nextRun = (): HTMLElement | null => {
    const bottom = window.innerHeight;
    for (const run of document.querySelectorAll<HTMLElement>(".lesson-html")) {
      if (settled.has(run)) continue;
      if (getComputedStyle(run).contentVisibility !== "auto") {
        settled.add(run); // always laid out (display math)
        continue;
      }
      if (run.getBoundingClientRect().top >= bottom) return run; // on or above the screen: the browser's
    }
    return null;
  };

  const release = () => {
    if (current) current.style.contentVisibility = "";
    current = null;
  };

  const settle = async (pass: number) => {
    document.documentElement.removeAttribute(SETTLED_ATTRIBUTE);
    for (let run = nextRun(); run; run = nextRun()) {
      // Laid out in the next frame's rendering, which records its height.
      current = run;
      run.style.contentVisibility = "visible";
      await nextFrame();
      await nextFrame();
      if (pass !== generation) return;
      release();
      settled.add(run);
    }
    document.documentElement.setAttribute(SETTLED_ATTRIBUTE, "true");
  };

  // Safari before 18.2 has no requestIdleCallback.
  const idleSupported = typeof window.requestIdleCallback === "function";
  const whenIdle = (callback: () => void) =>
    idleSupported ? requestIdleCallback(callback, { timeout: 3000 }) : window.setTimeout(callback, 200);
  const cancelIdle = (handle: number) => (idleSupported ? cancelIdleCallback(handle) : window.clearTimeout(handle));
  const stopPass = () => {
    generation += 1;
    cancelIdle(idle);
    cancelAnimationFrame(frame);
    release();
  };
  const startPass = () => {
    stopPass();
    const pass = generation;
    idle = whenIdle(() => void settle(pass));
  };

  // A new column width (a phone turned, a window resized) makes the remembered heights stale.
  const onResize = () => {
    if (document.documentElement.clientWidth === width) return;
    width = document.documentElement.clientWidth;
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      settled = new WeakSet();
      startPass();
    }, 300);
  };

  startPass();
  window.addEventListener("resize", onResize);
  return () => {
    stopPass();
    window.clearTimeout(resizeTimer);
    window.removeEventListener("resize", onResize);
  };
}
