"use client";
// A box that scrolls sideways when its content (a wide table) is wider than the column. While it
// scrolls it is a named, keyboard-focusable region, so keyboard users can scroll it too; when it
// fits it is a plain box and no extra tab stop. The server renders the scrolling form (a page
// without JavaScript stays reachable); the browser drops it once it has measured.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}
