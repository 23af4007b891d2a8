// Request bodies of the account routes (zod), shared by the account page and the server.
import { z } from "zod";

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url");
const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8);

/** The fields every credential the browser returns has (as @simplewebauthn/browser sends it). */
const credential = <R extends z.ZodRawShape>(response: R) =>
  z
    .object({
      id: b64url(1_400),
      rawId: b64url(1_400),
      type: z.literal("public-key"),
      response: z.object(response).strip(),
      authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
      clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    })
    .strip();

/** What navigator.credentials.create() gives. */
export const registrationResponseSchema = credential({
  clientDataJSON: b64url(4_000),
  attestationObject: b64url(16_000),
  transports: transports.optional(),
  authenticatorData: b64url(16_000).optional(),
  publicKey: b64url(4_000).optional(),
  publicKeyAlgorithm: z.number().int().optional(),
});

/** What navigator.credentials.get() gives. */
export const authenticationResponseSchema = credential({
  clientDataJSON: b64url(4_000),
  authenticatorData: b64url(16_000),
  signature: b64url(2_000),
  userHandle: b64url(200).optional(),
});

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(60, "must be at most 60 characters")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "must not contain control characters");

export const ceremonySchema = z.object({ purpose: z.enum(["create", "sign-in", "add"]) }).strict();

export const verifySchema = z.discriminatedUnion("purpose", [
  z.object({ purpose: z.literal("create"), name: accountNameSchema, response: registrationResponseSchema }).strict(),
  z.object({ purpose: z.literal("add"), response: registrationResponseSchema }).strict(),
  z.object({ purpose: z.literal("sign-in"), response: authenticationResponseSchema }).strict(),
]);

const sessionId = z.string().regex(/^[0-9a-f]{64}$/, "must be a session id");
export const signOutSchema = z.object({ session: z.union([z.literal("this"), z.literal("all"), sessionId]) }).strict();
export const removePasskeySchema = z.object({ id: b64url(1_400) }).strict();
export const deleteAccountSchema = z
  .object({ confirm: z.literal("delete my account", { message: 'must be "delete my account"' }) })
  .strict();

export type Ceremony = z.infer<typeof ceremonySchema>;
export type Verify = z.infer<typeof verifySchema>;

/** The account as the account page shows it. */
export type AccountView = {
  signedIn: boolean;
  account: null | {
    name: string;
    createdAt: string;
    author: boolean;
    passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null; synced: boolean }[];
    sessions: { id: string; device: string; createdAt: string; lastSeenAt: string; current: boolean }[];
  };
};
