// The browser's one way to call the app's JSON API: typed bodies in, a result value out (no throws).

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; details?: unknown };

const UNREACHABLE = "Could not reach the server. Nothing was saved; check your connection and try again.";

let firstRead: Promise<unknown> | null = null;

/**
 * The page's first learner read (GET /api/progress), which mints the learner cookie for a new
 * browser. Every other API call waits for it: parallel first reads would each mint a learner,
 * and the quiz's per-learner choice ids would then belong to a learner the browser no longer is.
 */
export function learnerReady(): Promise<unknown> {
  firstRead ??= fetch("/api/progress", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => {
      firstRead = null; // offline: the next call tries again
      return null;
    });
  return firstRead;
}

async function handle<T>(response: Response): Promise<ApiResult<T>> {
  const json = (await response.json().catch(() => null)) as (T & { error?: string; details?: unknown }) | null;
  if (response.ok && json !== null) return { ok: true, data: json };
  return {
    ok: false,
    status: response.status,
    error: json?.error ?? `The server answered HTTP ${response.status}.`,
    details: json?.details,
  };
}

/** POSTs `body` as JSON (its type is the route's zod input type). */
export async function postJson<T, B = unknown>(url: string, body: B, init: { signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  try {
    await learnerReady();
    return await handle<T>(
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: init.signal,
      }),
    );
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
}

export async function getJson<T>(url: string): Promise<ApiResult<T>> {
  try {
    await learnerReady();
    return await handle<T>(await fetch(url, { cache: "no-store" }));
  } catch {
    return { ok: false, status: 0, error: "Could not reach the server." };
  }
}
