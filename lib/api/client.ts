// The browser's JSON API calls: typed bodies in, a result value out (no throws).

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; details?: unknown };

const UNREACHABLE = "Could not reach the server. Nothing was saved; check your connection and try again.";

let firstRead: Promise<unknown> | null = null;

/** The first read mints the learner cookie; other calls wait for it, or parallel reads would each mint a learner. */
export function learnerReady(): Promise<unknown> {
  firstRead ??= fetch("/api/progress", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => {
      firstRead = null;
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
