"use client";
// Behaviour for the static lesson HTML (which React does not hydrate): the listings' copy buttons
// (one delegated listener), wide display math reachable by keyboard, and the table of contents
// marking the section being read, a jump to a section staying on it while the page settles, and
// off-screen sections laid out ahead of the reader (settle-runs.ts).
import { useEffect } from "react";
import { copyListing } from "./copy-listing";
import { settleRuns } from "./settle-runs";

export function LessonEnhancer() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>("button[data-copy]");
      if (button) void copyListing(button);
    };
    document.addEventListener("click", onClick);
    // The copy buttons show from now on: pressed before this listener existed, they did nothing.
    document.documentElement.dataset.copyReady = "";
    return () => {
      document.removeEventListener("click", onClick);
      delete document.documentElement.dataset.copyReady;
    };
  }, []);

  // Off-screen runs take their real height while the page is idle, not under the reader's finger.
  useEffect(() => settleRuns(), []);

  // Display math wider than the column scrolls in its own box: make such boxes keyboard-reachable.
  // Measured when the browser lays a box out (ResizeObserver), never by forcing a layout of the
  // whole lesson at load. (Runs holding display math are never skipped by content-visibility, so
  // each box is measured at the first layout; see app/globals.css.)
  useEffect(() => {
    const observer = new ResizeObserver((entries) => {
      for (const { target } of entries) {
        const box = target as HTMLElement;
        if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
        else box.removeAttribute("tabindex");
      }
    });
    for (const box of document.querySelectorAll(".katex-display")) observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']"));
    const sections = links.flatMap((link) => {
      const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      // Each h2/h3 starts a run of lesson HTML, so the run's top is the heading's. Measuring the run
      // (which is laid out, as a placeholder when off screen) leaves its content unlaid-out.
      const run = heading?.closest<HTMLElement>(".lesson-html");
      return heading ? [{ id: heading.id, box: run?.firstElementChild === heading ? run : heading }] : [];
    });
    const [first] = sections;
    if (!first) return;
    let frame = 0;
    // The current section: the last heading above a line a quarter down the viewport.
    const update = () => {
      frame = 0;
      const line = window.innerHeight / 4;
      let current = first;
      for (const section of sections) {
        if (section.box.getBoundingClientRect().top <= line) current = section;
        else break;
      }
      for (const a of links) {
        if (a.hash === `#${current.id}`) a.setAttribute("aria-current", "location");
        else a.removeAttribute("aria-current");
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    schedule();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
    };
  }, []);

  // After a jump to a section (#id: the table of contents, a shared link), keep its heading where
  // the browser put it while the page above settles: sections above are laid out for the first
  // time (content-visibility estimates their height until then), lab figures and editors mount.
  // Stops at the reader's first scroll gesture, or after a few seconds.
  useEffect(() => {
    let stop = () => {};
    const pin = () => {
      stop();
      const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      const lesson = target?.closest("main");
      if (!target || !lesson) return;
      const align = () => target.scrollIntoView({ block: "start" });
      const observer = new ResizeObserver(align);
      observer.observe(lesson);
      const gestures = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
      const timer = setTimeout(() => stop(), 4000);
      stop = () => {
        observer.disconnect();
        clearTimeout(timer);
        for (const g of gestures) window.removeEventListener(g, stop, true);
        stop = () => {};
      };
      for (const g of gestures) window.addEventListener(g, stop, { capture: true, passive: true });
    };
    pin();
    window.addEventListener("hashchange", pin);
    return () => {
      stop();
      window.removeEventListener("hashchange", pin);
    };
  }, []);

  return null;
}
