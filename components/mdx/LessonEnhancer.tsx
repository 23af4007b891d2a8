"use client";
// Behaviour for the static lesson HTML (which React does not hydrate): the listings' copy buttons
// (one delegated listener), wide display math reachable by keyboard, and the table of contents
// marking the section being read.
import { useEffect } from "react";
import { copyListing } from "./copy-listing";

export function LessonEnhancer() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>("button[data-copy]");
      if (button) void copyListing(button);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  // Display math wider than the column scrolls in its own box: make such boxes keyboard-reachable.
  useEffect(() => {
    const mark = () => {
      for (const box of document.querySelectorAll<HTMLElement>(".katex-display")) {
        if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
        else box.removeAttribute("tabindex");
      }
    };
    mark();
    window.addEventListener("resize", mark);
    return () => window.removeEventListener("resize", mark);
  }, []);

  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']"));
    const targets = links
      .map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))))
      .filter((t): t is HTMLElement => t !== null);
    const [first] = targets;
    if (!first) return;
    let frame = 0;
    // The current section: the last heading above a line a quarter down the viewport.
    const update = () => {
      frame = 0;
      const line = window.innerHeight / 4;
      let current = first;
      for (const t of targets) {
        if (t.getBoundingClientRect().top <= line) current = t;
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
    update();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
    };
  }, []);

  return null;
}
