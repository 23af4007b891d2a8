// The account routes as the account page calls them: a result, or an AccountError with the server's words.
import { getJson, postJson, type ApiResult } from "@/lib/api/client";
import type { AccountView } from "@/lib/accounts/schema";

export class AccountError extends Error {}

async function ok<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new AccountError(r.error);
  return r.data;
}

type Purpose = "create" | "sign-in" | "add";

export const loadAccount = () => ok(getJson<AccountView>("/api/account"));
export const ceremonyOptions = (purpose: Purpose) =>
  ok(postJson<{ purpose: Purpose; options: unknown }>("/api/account/passkeys/options", { purpose }));
export const verifyCeremony = (body: { purpose: Purpose; name?: string; response: unknown }) =>
  ok(postJson<{ ok: true }>("/api/account/passkeys/verify", body));
export const signOut = (session: string) => ok(postJson<{ ok: true; signedOut: boolean }>("/api/account/sign-out", { session }));
export const removePasskey = (id: string) => ok(postJson<{ ok: true }>("/api/account/passkeys/remove", { id }));
export const deleteAccount = () => ok(postJson<{ ok: true }>("/api/account/delete", { confirm: "delete my account" }));
