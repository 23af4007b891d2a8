// The learner's account: create one with a passkey, sign in, passkeys, devices, export, delete.
import type { Metadata } from "next";
import { AccountPanel } from "@/components/account/AccountPanel";

export const metadata: Metadata = { title: "Your account" };

export default function AccountPage() {
  return (
    <main id="main" className="page account-page">
      <h1>Your account</h1>
      <p className="lead">
        With an account, your progress follows you to every device you sign in on; without one, it stays in this browser only. An account
        needs no password and no email: a passkey on your device (a fingerprint, face, PIN or security key) is enough.
      </p>
      <AccountPanel />
    </main>
  );
}
