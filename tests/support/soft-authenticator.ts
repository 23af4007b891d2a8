// A software WebAuthn authenticator (ES256, "none" attestation) for tests outside a browser: it
// answers the server's options as a real authenticator would, and can be told to misbehave.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

type Credential = { id: Uint8Array; privateKey: KeyObject; cose: Uint8Array; counter: number; userHandle: string; rpId: string };
type Creation = { challenge: string; rp: { id?: string }; user: { id: string } };
type Request = { challenge: string; rpId?: string };

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

function authData(rpId: string, counter: number, attested?: { id: Uint8Array; cose: Uint8Array }) {
  const flags = 0x01 | 0x04 | (attested ? 0x40 : 0); // user present, user verified, attested data
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  const parts: Uint8Array[] = [sha256(rpId), Uint8Array.of(flags), count];
  if (attested) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(attested.id.length);
    parts.push(new Uint8Array(16), length, attested.id, attested.cose);
  }
  return Buffer.concat(parts);
}

export class SoftAuthenticator {
  readonly credentials: Credential[] = [];

  /** navigator.credentials.create(): a new ES256 credential for the options' RP. */
  register(options: Creation, origin: string, tamper: { origin?: string; rpId?: string; challenge?: string } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
    const rpId = tamper.rpId ?? options.rp.id ?? new URL(origin).hostname;
    const credential: Credential = { id: randomBytes(16), privateKey, cose, counter: 0, userHandle: options.user.id, rpId };
    this.credentials.push(credential);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: tamper.challenge ?? options.challenge,
      origin: tamper.origin ?? origin,
      crossOrigin: false,
    });
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData(rpId, 0, { id: credential.id, cose })],
      ]) as never,
    );
    return {
      id: b64(credential.id),
      rawId: b64(credential.id),
      type: "public-key" as const,
      response: {
        clientDataJSON: b64(Buffer.from(clientDataJSON)),
        attestationObject: b64(attestationObject),
        transports: ["internal" as const],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get() with one of its credentials (the last by default); the counter steps by one. */
  authenticate(
    options: Request,
    origin: string,
    tamper: { credential?: number; origin?: string; rpId?: string; counter?: number; challenge?: string; forgeSignature?: boolean } = {},
  ) {
    const credential = this.credentials.at(tamper.credential ?? -1);
    if (!credential) throw new Error("no credential to authenticate with");
    credential.counter = tamper.counter ?? credential.counter + 1;
    const data = authData(tamper.rpId ?? credential.rpId, credential.counter);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: tamper.challenge ?? options.challenge,
        origin: tamper.origin ?? origin,
        crossOrigin: false,
      }),
    );
    const signed = Buffer.concat([data, sha256(clientDataJSON)]);
    const signature = tamper.forgeSignature
      ? sign("sha256", signed, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey)
      : sign("sha256", signed, credential.privateKey);
    return {
      id: b64(credential.id),
      rawId: b64(credential.id),
      type: "public-key" as const,
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(data),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}
