"use client";
// The account page's interactive part: passkey ceremonies and the account's passkeys and devices.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useEffect, useId, useRef, useState } from "react";
import type { AccountView } from "@/lib/accounts/schema";
import { AccountError, ceremonyOptions, deleteAccount, loadAccount, removePasskey, signOut, verifyCeremony } from "./api";
import "./account.css";

type Purpose = "create" | "sign-in" | "add";
/** Where an action's outcome is told: next to its buttons, or at the top when the view changed. */
type Place = "create" | "sign-in" | "passkeys" | "devices" | "data";
type Message = { text: string; error: boolean; at: Place | "top" };
/**
 * Where focus goes next: the top message, the "Delete my account…" button (after Cancel), or back
 * to the control that started an action (its section's heading if the control is gone).
 */
type FocusAfter = "top" | "delete" | { control: HTMLElement | null; at: Place };

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** What went wrong, in words: the browser's own refusals name no cause a learner can use. */
function explain(error: unknown): string {
  if (error instanceof AccountError) return error.message;
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError") return "The passkey request was cancelled or timed out. Nothing was changed.";
  if (name === "InvalidStateError") return "This device already has a passkey for this account.";
  if (name === "SecurityError") return "Passkeys need this site to be opened over HTTPS (or on localhost).";
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

async function ceremony(purpose: Purpose, name?: string) {
  const { options } = await ceremonyOptions(purpose);
  const response =
    purpose === "sign-in"
      ? await startAuthentication({ optionsJSON: options as Parameters<typeof startAuthentication>[0]["optionsJSON"] })
      : await startRegistration({ optionsJSON: options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
  await verifyCeremony({ purpose, response, ...(name === undefined ? {} : { name }) });
}

export function AccountPanel() {
  const [view, setView] = useState<AccountView | null>(null);
  const [loadError, setLoadError] = useState("");
  // Only rendered once the account has loaded (in the browser), so the server's guess never shows.
  const [supported] = useState(() => typeof window === "undefined" || browserSupportsWebAuthn());
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [name, setName] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const nameId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLParagraphElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<FocusAfter | null>(null);

  useEffect(() => {
    void loadAccount().then(setView, (e: unknown) => setLoadError(explain(e)));
  }, []);

  // After an action the button that started it was disabled (which drops focus) or is gone with
  // the view it was in: focus goes where the learner can carry on, not back to the page's top.
  useEffect(() => {
    const target = focusAfter.current;
    if (!target || busy !== null) return;
    focusAfter.current = null;
    if (target === "top") return top.current?.focus();
    if (target === "delete") return deleteButton.current?.focus();
    const active = document.activeElement;
    if (active && active !== document.body && panel.current?.contains(active)) return;
    if (target.control?.isConnected && !target.control.matches(":disabled")) return target.control.focus();
    panel.current?.querySelector<HTMLElement>(`[data-place="${target.at}"] h2`)?.focus();
  });

  /** Runs one action with its button busy, then shows the account as it is now and what happened. */
  const act = async (label: string, at: Place, work: () => Promise<string>) => {
    const control = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const wasSignedIn = Boolean(view?.account);
    setBusy(label);
    setMessage(null);
    try {
      const done = await work();
      const now = await loadAccount();
      const moved = Boolean(now.account) !== wasSignedIn;
      setView(now);
      setMessage({ text: done, error: false, at: moved ? "top" : at });
      focusAfter.current = moved ? "top" : { control, at };
    } catch (e) {
      setMessage({ text: explain(e), error: true, at });
      focusAfter.current = { control, at };
    } finally {
      setBusy(null);
    }
  };

  if (!view)
    return (
      <p className="account-loading" aria-live="polite">
        {loadError || "Loading your account…"}
      </p>
    );

  /** A section's outcome: a polite status (always there, so that it is announced) and an alert. */
  const outcome = (at: Place) => {
    const here = message?.at === at ? message : null;
    return (
      <>
        <p className="account-message" role="status">
          {here && !here.error ? here.text : ""}
        </p>
        {here?.error && (
          <p className="account-message account-error" role="alert">
            {here.text}
          </p>
        )}
      </>
    );
  };
  // Shown (and focused) when an action changed the view: signed in, signed out, deleted.
  const topMessage = message?.at === "top" && (
    <p ref={top} tabIndex={-1} className="account-message">
      {message.text}
    </p>
  );

  if (!view.account) {
    return (
      <div className="account-panel" ref={panel}>
        {topMessage}
        {!supported && (
          <p className="account-message account-error" role="alert">
            This browser cannot use passkeys. Your progress stays in this browser; any recent Chrome, Edge, Firefox or Safari can create an
            account.
          </p>
        )}
        <section aria-labelledby="account-create" data-place="create">
          <h2 id="account-create" tabIndex={-1}>
            Create an account
          </h2>
          <form
            className="sign-in"
            onSubmit={(event) => {
              event.preventDefault();
              void act("create", "create", async () => {
                await ceremony("create", name.trim());
                return "Your account is ready, with what you did in this browser so far.";
              });
            }}
          >
            <label htmlFor={nameId}>Your name (only you see it)</label>
            <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="nickname" required />
            <button type="submit" disabled={!supported || busy !== null}>
              {busy === "create" ? "Waiting for your passkey…" : "Create an account with a passkey"}
            </button>
          </form>
          {outcome("create")}
        </section>
        <section aria-labelledby="account-sign-in" data-place="sign-in">
          <h2 id="account-sign-in" tabIndex={-1}>
            Already have an account?
          </h2>
          <p>Signing in here adds what you did in this browser to your account.</p>
          <button
            type="button"
            disabled={!supported || busy !== null}
            onClick={() =>
              void act("sign-in", "sign-in", async () => {
                await ceremony("sign-in");
                return "You are signed in.";
              })
            }
          >
            {busy === "sign-in" ? "Waiting for your passkey…" : "Sign in with a passkey"}
          </button>
          {outcome("sign-in")}
        </section>
      </div>
    );
  }

  const { account } = view;
  const onlyPasskey = account.passkeys.length <= 1;
  return (
    <div className="account-panel" ref={panel}>
      <p className="account-who">
        Signed in as <strong>{account.name}</strong>
        {account.author && <span className="account-badge">author</span>} · account since {day(account.createdAt)}
      </p>
      {topMessage}
      <section aria-labelledby="account-passkeys" data-place="passkeys">
        <h2 id="account-passkeys" tabIndex={-1}>
          Passkeys
        </h2>
        <ul className="account-list">
          {account.passkeys.map((p) => (
            <li key={p.id}>
              <span>
                <strong>{p.name}</strong>
                {p.synced && <span className="account-badge">synced</span>}
                <br />
                <small>
                  added {day(p.createdAt)}
                  {p.lastUsedAt ? ` · last used ${day(p.lastUsedAt)}` : ""}
                  {onlyPasskey && (
                    <>
                      <br />
                      Your only passkey: add another before removing it.
                    </>
                  )}
                </small>
              </span>
              <button
                type="button"
                disabled={onlyPasskey || busy !== null}
                aria-label={`Remove the passkey ${p.name}`}
                onClick={() =>
                  void act(`remove-${p.id}`, "passkeys", async () => {
                    await removePasskey(p.id);
                    return `Removed the passkey ${p.name}.`;
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          disabled={!supported || busy !== null}
          onClick={() =>
            void act("add", "passkeys", async () => {
              await ceremony("add");
              return "Passkey added: you can sign in with it on its device.";
            })
          }
        >
          {busy === "add" ? "Waiting for your passkey…" : "Add a passkey"}
        </button>
        {outcome("passkeys")}
      </section>
      <section aria-labelledby="account-devices" data-place="devices">
        <h2 id="account-devices" tabIndex={-1}>
          Devices signed in
        </h2>
        <ul className="account-list">
          {account.sessions.map((s) => (
            <li key={s.id}>
              <span>
                <strong>{s.device}</strong>
                {s.current && <span className="account-badge">this device</span>}
                <br />
                <small>
                  signed in {day(s.createdAt)} · last active {day(s.lastSeenAt)}
                </small>
              </span>
              <button
                type="button"
                disabled={busy !== null}
                aria-label={s.current ? "Sign out of this device" : `Sign out ${s.device}, signed in ${day(s.createdAt)}`}
                onClick={() =>
                  void act(`sign-out-${s.id}`, "devices", async () => {
                    await signOut(s.current ? "this" : s.id);
                    return s.current ? "You are signed out on this device." : `Signed out ${s.device}.`;
                  })
                }
              >
                Sign out
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            void act("sign-out-all", "devices", async () => {
              await signOut("all");
              return "You are signed out on every device.";
            })
          }
        >
          Sign out everywhere
        </button>
        {outcome("devices")}
      </section>
      <section aria-labelledby="account-data" data-place="data">
        <h2 id="account-data" tabIndex={-1}>
          Your data
        </h2>
        <p>
          <a href="/api/account/export" download>
            Download everything stored about you (JSON)
          </a>
        </p>
        {!confirmDelete ? (
          <button
            ref={deleteButton}
            type="button"
            className="account-danger"
            disabled={busy !== null}
            onClick={() => setConfirmDelete(true)}
          >
            Delete my account…
          </button>
        ) : (
          <div className="account-confirm" role="group" aria-labelledby="account-delete-warning">
            <p id="account-delete-warning">
              This deletes your account and everything stored with it: progress, quiz answers, exercise passes, feedback and questions, on
              every device. It cannot be undone.
            </p>
            <button
              type="button"
              className="account-danger"
              disabled={busy !== null}
              onClick={() =>
                void act("delete", "data", async () => {
                  await deleteAccount();
                  setConfirmDelete(false);
                  return "Your account and its data are deleted.";
                })
              }
            >
              Yes, delete my account
            </button>
            <button
              type="button"
              disabled={busy !== null}
              // The confirmation replaces the button the learner's focus was on. Focus lands on the
              // harmless choice: a second press of Enter must not delete everything.
              autoFocus
              onClick={() => {
                setConfirmDelete(false);
                focusAfter.current = "delete";
              }}
            >
              Cancel
            </button>
          </div>
        )}
        {outcome("data")}
      </section>
    </div>
  );
}
