"use client";
// Copies the code listing it sits in; shows "Copied" for a moment (announced to screen readers).
import { useEffect, useRef, useState } from "react";

type State = "idle" | "copied" | "failed";

async function writeClipboard(text: string) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-HTTP fallback (e.g. the app opened by LAN address): the legacy copy command.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy command refused");
}

export function CopyButton() {
  const ref = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<State>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const code = ref.current?.closest("figure")?.querySelector("pre code");
    // Each line is its own element; innerText would add blank lines in some layouts.
    // Blank lines hold a single space so they keep their height; copy them as empty lines.
    const lines = code ? Array.from(code.querySelectorAll(":scope > [data-line]"), (l) => (l.textContent === " " ? "" : (l.textContent ?? ""))) : [];
    try {
      await writeClipboard(lines.length ? lines.join("\n") : (code?.textContent ?? ""));
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <button ref={ref} type="button" className="copy-button" onClick={copy} data-state={state}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}</span>
    </button>
  );
}
