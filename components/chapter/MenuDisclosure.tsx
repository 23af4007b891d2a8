"use client";
// Collapses the chapter menu behind a toggle on narrow screens (always open on wide ones).
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export function MenuDisclosure({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="menu" data-open={open}>
      <button
        ref={buttonRef}
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">☰</span> Chapters
      </button>
      <div id={panelId} className="menu-panel">
        {children}
      </div>
    </div>
  );
}
