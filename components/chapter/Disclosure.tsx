"use client";
// Collapses a navigation block behind a toggle on narrow screens (always open on wide ones): the
// chapter menu and the table of contents. `name` is the CSS class stem (`menu`, `toc-box`).
import "./chapter.css";
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";

export function Disclosure({ name, label, children }: { name: string; label: ReactNode; children: ReactNode }) {
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

  // A link followed from the open panel closes it (the page scrolls or changes underneath).
  const onPanelClick = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest("a")) setOpen(false);
  };

  return (
    <div className={name} data-open={open}>
      <button
        ref={buttonRef}
        type="button"
        className={`${name}-toggle`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      <div id={panelId} className={`${name}-panel`} onClick={onPanelClick}>
        {children}
      </div>
    </div>
  );
}
