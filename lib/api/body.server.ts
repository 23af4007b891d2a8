// Request bodies read with a byte limit that holds whatever Content-Length says.
import "server-only";

export type BodyText = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

export async function readLimitedText(request: Request, maxBytes: number): Promise<BodyText> {
  const tooLarge = { ok: false, status: 413, error: `Body is larger than ${maxBytes} bytes.` } as const;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, error: "Body is not valid UTF-8." };
  }
}
