// Copies the code listing a copy button sits in; the button says "Copied" for a moment (its
// label is a live region, so screen readers hear it).
export async function writeClipboard(text: string) {
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

/** The listing's text: one line per `[data-line]` (line numbers are CSS, never copied). */
export function listingText(figure: Element | null): string {
  const code = figure?.querySelector("pre code");
  // Blank lines hold a single space so they keep their height; copy them as empty lines.
  const lines = code
    ? Array.from(code.querySelectorAll(":scope > [data-line]"), (l) => (l.textContent === " " ? "" : (l.textContent ?? "")))
    : [];
  return lines.length ? lines.join("\n") : (code?.textContent ?? "");
}

const timers = new WeakMap<HTMLButtonElement, ReturnType<typeof setTimeout>>();

export async function copyListing(button: HTMLButtonElement) {
  const label = button.querySelector("span") ?? button;
  let state: "copied" | "failed" = "copied";
  try {
    await writeClipboard(listingText(button.closest("figure")));
  } catch {
    state = "failed";
  }
  label.textContent = state === "copied" ? "Copied" : "Copy failed";
  button.dataset.state = state;
  clearTimeout(timers.get(button));
  timers.set(
    button,
    setTimeout(() => {
      label.textContent = "Copy";
      button.dataset.state = "idle";
    }, 2000),
  );
}
