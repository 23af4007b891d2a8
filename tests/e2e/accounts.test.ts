// Passkey accounts in real Chromium (issue #29), with its virtual authenticators: an account made
// on one device after learning anonymously, signed in on a second one (progress merged), a second
// passkey, signing out everywhere, the export, deletion (checked in the database), the keyboard at
// phone width, axe in both colour schemes, and a cancelled ceremony. The file's passkey requests
// (about 16) stay under the server's SIGN_IN_ATTEMPTS_PER_MINUTE (20 per address).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { BrowserContext, BrowserContextOptions, CDPSession, Page } from "playwright-core";
import { axeViolations } from "./axe";
import { baseURL, chapterReady, DROPOUT, e2eDatabase, newPage, useBrowser } from "./browser";

const browser = useBrowser();

// WebAuthn refuses IP addresses as RP IDs: the app is opened on localhost (the server listens on
// 127.0.0.1, which Chromium reaches for localhost).
const local = () => baseURL().replace("//127.0.0.1:", "//localhost:");
const GRADIENT_DESCENT = "/courses/optimization-regularization/optimization-basics/gradient-descent";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Set to a folder (e.g. /tmp/account-shots) to keep screenshots of the page in each state. */
const SHOTS = process.env.ACCOUNT_SHOTS;

async function open(options: BrowserContextOptions = {}) {
  return newPage(browser(), { baseURL: local(), ...options });
}

type Authenticator = { cdp: CDPSession; authenticatorId: string };

/**
 * An authenticator with user verification that answers at once (CDP WebAuthn domain): the
 * device's own ("internal", one per page at most) or a security key ("usb").
 */
async function addAuthenticator(context: BrowserContext, page: Page, transport: "internal" | "usb" = "internal"): Promise<Authenticator> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

const credentials = async ({ cdp, authenticatorId }: Authenticator) =>
  (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;

const cookie = async (context: BrowserContext, name: string) => (await context.cookies()).find((c) => c.name === name)?.value;
/** The anonymous learner's id: the signed cookie is "<id>.<signature>". */
const learnerId = async (context: BrowserContext) => (await cookie(context, "lbr_learner"))?.split(".")[0];

type Progress = { chapters: { chapterId: string; readAt: string | null }[] };
const progress = (page: Page) => page.evaluate(async () => (await (await fetch("/api/progress")).json()) as Progress);
const readChapters = async (page: Page) =>
  (await progress(page)).chapters
    .filter((c) => c.readAt)
    .map((c) => c.chapterId)
    .sort();
const signedIn = (page: Page) =>
  page.evaluate(async () => ((await (await fetch("/api/account")).json()) as { signedIn: boolean }).signedIn);

/** Marks a chapter as read with its button, as a learner would. */
async function markRead(page: Page, href: string) {
  await page.goto(href);
  await chapterReady(page);
  await page.getByRole("button", { name: "Mark chapter as read" }).click();
  await page.getByRole("button", { name: "✓ Marked as read" }).waitFor();
}

const signedOutView = (page: Page) => page.getByRole("heading", { name: "Create an account" }).waitFor();
const signedInView = (page: Page, name: string) => page.locator(".account-who", { hasText: `Signed in as ${name}` }).waitFor();
const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function createAccount(page: Page, name: string) {
  await page.goto("/account");
  await page.getByLabel("Your name (only you see it)").fill(name);
  await page.getByRole("button", { name: "Create an account with a passkey" }).click();
  await signedInView(page, name);
}

async function signInWithPasskey(page: Page, name: string) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await signedInView(page, name);
}

async function shot(page: Page, file: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${file}.png`), fullPage: true });
}

/** Every row of every table in the tests' database that mentions one of `needles`, as "table: row". */
function rowsMentioning(needles: string[]): string[] {
  const db = new Database(e2eDatabase(), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const found: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Record<string, unknown>[]) {
        const text = JSON.stringify(row, (_k, v: unknown) =>
          typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v,
        );
        if (needles.some((n) => text.includes(n))) found.push(`${name}: ${text}`);
      }
    }
    return found;
  } finally {
    db.close();
  }
}

describe("an account on two devices", () => {
  const name = `Ada ${Date.now().toString(36)}`;
  let a: { context: BrowserContext; page: Page; authenticator: Authenticator };
  let b: { context: BrowserContext; page: Page; authenticator: Authenticator };
  const anonymous: string[] = []; // every anonymous learner id the devices had
  let readOnA: string[] = [];

  afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
  });

  it("device A learns anonymously, creates an account, and its progress is in the account", async () => {
    const { context, page } = await open();
    a = { context, page, authenticator: await addAuthenticator(context, page) };
    await markRead(page, DROPOUT);
    readOnA = await readChapters(page);
    expect(readOnA).toHaveLength(1);
    anonymous.push((await learnerId(context))!);

    await createAccount(page, name);
    await page.getByText("Your account is ready, with what you did in this browser so far.").waitFor();
    expect(await cookie(context, "lbr_session")).toBeTruthy();
    expect(await credentials(a.authenticator)).toHaveLength(1);
    await expect(region(page, "Passkeys").getByRole("listitem").count()).resolves.toBe(1);
    await expect(region(page, "Devices signed in").getByRole("listitem").count()).resolves.toBe(1);
    await expect(signedIn(page)).resolves.toBe(true);
    expect(await readChapters(page)).toEqual(readOnA); // now the account's

    // The home page shows the account's progress too.
    await page.goto("/");
    const bar = page.getByRole("progressbar", { name: "Progress in Optimization and Regularization in Neural Networks" });
    await bar.and(page.locator('[aria-valuetext*="steps done"]')).waitFor(); // the progress has loaded
    expect(await bar.getAttribute("aria-valuetext")).toMatch(/^\d+%: 1 of \d+ steps done$/);
  });

  it("device B learns something else, signs in with A's passkey, and has both; two devices are listed", async () => {
    const { context, page } = await open({ acceptDownloads: true });
    b = { context, page, authenticator: await addAuthenticator(context, page) };
    // The passkey is synced to B (as a password manager would): a copy of A's credential.
    const [credential] = await credentials(a.authenticator);
    await b.authenticator.cdp.send("WebAuthn.addCredential", { authenticatorId: b.authenticator.authenticatorId, credential: credential! });

    await markRead(page, GRADIENT_DESCENT);
    const readOnB = await readChapters(page);
    expect(readOnB).toHaveLength(1);
    expect(readOnB).not.toEqual(readOnA);
    anonymous.push((await learnerId(context))!);

    await signInWithPasskey(page, name);
    await page.getByText("You are signed in.").waitFor();
    expect(await readChapters(page)).toEqual([...readOnA, ...readOnB].sort());
    const devices = region(page, "Devices signed in").getByRole("listitem");
    await expect(devices.count()).resolves.toBe(2);
    await expect(devices.filter({ hasText: "this device" }).count()).resolves.toBe(1);
    // A sees B's progress and both devices as well.
    expect(await readChapters(a.page)).toEqual([...readOnA, ...readOnB].sort());
    await a.page.goto("/account");
    await signedInView(a.page, name);
    await expect(region(a.page, "Devices signed in").getByRole("listitem").count()).resolves.toBe(2);
  });

  it("B adds a second passkey (a security key); Passkeys lists two", async () => {
    // The device's authenticator already holds a passkey of this account, which the options exclude.
    await b.page.getByRole("button", { name: "Add a passkey" }).click();
    await b.page.getByRole("alert").getByText("This device already has a passkey for this account.").waitFor();
    await expect(region(b.page, "Passkeys").getByRole("listitem").count()).resolves.toBe(1);

    // With a security key: the device's authenticator is left untouched, the key answers.
    await b.authenticator.cdp.send("WebAuthn.setAutomaticPresenceSimulation", {
      authenticatorId: b.authenticator.authenticatorId,
      enabled: false,
    });
    const second = await addAuthenticator(b.context, b.page, "usb");
    await b.page.getByRole("button", { name: "Add a passkey" }).click();
    await b.page.getByText("Passkey added: you can sign in with it on its device.").waitFor();
    const passkeys = region(b.page, "Passkeys").getByRole("listitem");
    await expect(passkeys.count()).resolves.toBe(2);
    expect(await credentials(second)).toHaveLength(1);
    // With two passkeys, either can be removed (the buttons are enabled).
    const removes = region(b.page, "Passkeys").getByRole("button", { name: /^Remove the passkey/ });
    for (const remove of await removes.all()) await expect(remove.isEnabled()).resolves.toBe(true);
    await b.authenticator.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: b.authenticator.authenticatorId });
    b.authenticator = second;
  });

  it("'Sign out everywhere' on B signs out both devices", async () => {
    await b.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await signedOutView(b.page);
    await b.page.getByText("You are signed out on every device.").waitFor();
    await expect(signedIn(b.page)).resolves.toBe(false);
    expect(await readChapters(b.page)).toEqual([]); // B is a new anonymous learner

    await a.page.reload();
    await signedOutView(a.page);
    await expect(a.page.getByRole("button", { name: "Sign in with a passkey" }).isVisible()).resolves.toBe(true);
    await expect(signedIn(a.page)).resolves.toBe(false);
  });

  it("signs in again, downloads the export, deletes the account, and nothing about the learner remains", async () => {
    const { context, page } = b; // B signs in again with its security key
    await signInWithPasskey(page, name);
    const session = (await cookie(context, "lbr_session"))!;

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download everything stored about you (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^learn-by-running-account-\d{4}-\d{2}-\d{2}\.json$/);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8");
    const exported = JSON.parse(text) as {
      id: string;
      accountName: string;
      passkeys: { id: string }[];
      sessions: unknown[];
      progress: { chapterId: string; readAt: string | null; drawKey: string | null }[];
    };
    expect(exported.accountName).toBe(name);
    expect(exported.passkeys).toHaveLength(2);
    expect(exported.sessions).toHaveLength(1);
    expect(
      exported.progress
        .filter((p) => p.readAt)
        .map((p) => p.chapterId)
        .sort(),
    ).toEqual(await readChapters(page));
    expect(exported.progress.length).toBeGreaterThanOrEqual(2);

    const learnerCookies = [...new Set([...anonymous, (await learnerId(a.context))!, (await learnerId(context))!])];
    const needles = [
      exported.id,
      name,
      ...exported.passkeys.map((p) => p.id),
      ...learnerCookies,
      createHash("sha256").update(session).digest("hex"), // the session row's id
    ];
    // The ids are in the database before the deletion (the check below can see them).
    expect(rowsMentioning([exported.id]).length).toBeGreaterThan(0);
    expect(rowsMentioning(anonymous)).toEqual(expect.arrayContaining([expect.stringMatching(/^ChapterProgress: /)]));

    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByRole("button", { name: "Yes, delete my account" }).click();
    await page.getByText("Your account and its data are deleted.").waitFor();
    await signedOutView(page);
    await expect(signedIn(page)).resolves.toBe(false);
    expect(await readChapters(page)).toEqual([]);
    expect(await learnerId(context)).not.toBe(learnerCookies.at(-1)); // a fresh anonymous learner

    expect(rowsMentioning(needles)).toEqual([]);

    // The passkey still on the device now names a deleted account.
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("alert").getByText("This passkey is not known here: it may belong to a deleted account.").waitFor();
    await expect(signedIn(page)).resolves.toBe(false);
  });
});

/** Tab (or Shift+Tab) until the focused element's accessible text matches; fails after `max` presses. */
async function tabTo(page: Page, target: RegExp, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const label =
        el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null);
      const box = el.getBoundingClientRect();
      return {
        text: (label ?? el.textContent ?? "").trim(),
        visible: el.matches(":focus-visible") && box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
      };
    });
    if (focused && target.test(focused.text)) {
      expect(focused.visible).toBe(true); // the learner sees where the focus is
      return;
    }
  }
  throw new Error(`no focusable element matching ${target} within ${max} ${back ? "Shift+Tab" : "Tab"} presses`);
}

it("creates an account and signs out with the keyboard only, at 390 px", async () => {
  const { context, page } = await open({ viewport: PHONE });
  await addAuthenticator(context, page);
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();

  await tabTo(page, /^Your name/);
  await page.keyboard.type("Grace");
  await tabTo(page, /^Create an account with a passkey$/);
  await page.keyboard.press("Enter");
  await signedInView(page, "Grace");
  // Focus moved to what happened, at the top of the new view (not lost to the page's top).
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  await expect(focused()).resolves.toBe("Your account is ready, with what you did in this browser so far.");
  await tabTo(page, /^Sign out of this device$/);
  await page.keyboard.press("Space");
  await signedOutView(page);
  await expect(focused()).resolves.toBe("You are signed out on this device.");
  await expect(signedIn(page)).resolves.toBe(false);
  // On from there to signing in, and back with Shift+Tab.
  await tabTo(page, /^Sign in with a passkey$/);
  await tabTo(page, /^Create an account with a passkey$/, { back: true });
  await context.close();
});

it("has no axe violations signed out, signed in, and confirming the deletion, light and dark, desktop and phone", async () => {
  const { context, page } = await open({ viewport: DESKTOP });
  await addAuthenticator(context, page);
  const found: string[] = [];
  const check = async (state: string) => {
    for (const [width, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        found.push(...(await axeViolations(page)).map((v) => `${state}, ${colorScheme} ${width}: ${v}`));
        await shot(page, `${state}-${width}-${colorScheme}`);
      }
    }
    await page.setViewportSize(DESKTOP);
  };

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
  await check("signed-out");
  await createAccount(page, "Katherine");
  await check("signed-in");
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await page.getByRole("button", { name: "Yes, delete my account" }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await expect(focused()).resolves.toBe("Cancel"); // a second Enter does not delete the account
  await check("confirm-delete");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(focused()).resolves.toBe("Delete my account…");
  await expect(signedIn(page)).resolves.toBe(true);
  expect(found).toEqual([]);
  await context.close();
});

it("a cancelled passkey ceremony says so and changes nothing", async () => {
  const { context, page } = await open({ viewport: PHONE });
  await addAuthenticator(context, page); // with no passkey for this site: the browser refuses
  await markRead(page, DROPOUT);
  const before = { learner: await learnerId(context), read: await readChapters(page) };
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.getByRole("alert").getByText("The passkey request was cancelled or timed out. Nothing was changed.").waitFor();
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Sign in with a passkey"); // to try again
  await shot(page, "cancelled-phone");
  // Still signed out, the same anonymous learner with the same progress, and the buttons usable again.
  await expect(page.getByRole("button", { name: "Sign in with a passkey" }).isEnabled()).resolves.toBe(true);
  await expect(page.getByRole("button", { name: "Create an account with a passkey" }).isEnabled()).resolves.toBe(true);
  await expect(signedIn(page)).resolves.toBe(false);
  expect(await cookie(context, "lbr_session")).toBeUndefined();
  expect(await learnerId(context)).toBe(before.learner);
  expect(await readChapters(page)).toEqual(before.read);
  expect(rowsMentioning([before.learner!]).filter((row) => /^(Session|Passkey)\b/.test(row))).toEqual([]);
  await context.close();
});
