// "Ask AI about this error": code cells announce an error; the Ask AI panel listens.
export type AskAttachment = { cellTitle: string; code: string; error: string };

const EVENT = "lbr:ask-about-error";

export function askAboutError(attachment: AskAttachment) {
  window.dispatchEvent(new CustomEvent<AskAttachment>(EVENT, { detail: attachment }));
}

export function onAskAboutError(listener: (attachment: AskAttachment) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<AskAttachment>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
