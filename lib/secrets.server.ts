// Server secrets: from the environment, else generated once into the database.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db.server";
import { getEnv } from "@/lib/env.server";

const cache = new Map<string, Promise<Buffer>>();

async function stored(name: string): Promise<Buffer> {
  const found = await db.appSecret.findUnique({ where: { name }, select: { value: true } });
  if (found) return Buffer.from(found.value, "base64url");
  // Another process may race us: the first row wins, all read it.
  await db.appSecret
    .upsert({
      where: { name },
      create: { name, value: randomBytes(32).toString("base64url") },
      update: {},
      select: { name: true },
    })
    .catch(() => undefined);
  const row = await db.appSecret.findUniqueOrThrow({ where: { name }, select: { value: true } });
  return Buffer.from(row.value, "base64url");
}

export function learnerSecret(): Promise<Buffer> {
  const fromEnv = getEnv().LEARNER_SECRET;
  if (fromEnv) return Promise.resolve(Buffer.from(fromEnv, "utf8"));
  let hit = cache.get("learner");
  if (!hit) {
    hit = stored("learner");
    hit.catch(() => cache.delete("learner")); // a database outage is retried on the next request
    cache.set("learner", hit);
  }
  return hit;
}
