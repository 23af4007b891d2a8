// `npm run authors:grant -- <account name or id> [--revoke]`: gives an account the author role (or takes it back).
import { z } from "zod";
import { setAuthorRole } from "../lib/authors/auth.server";
import { closeDb } from "../lib/db.server";

const argv = process.argv.slice(2);
const revoke = argv.includes("--revoke");
const args = z
  .tuple([z.string().trim().min(1)], { message: "name exactly one account (its name, or its id from the account export)" })
  .safeParse(argv.filter((a) => a !== "--revoke"));

async function main() {
  if (!args.success) {
    console.error(`usage: npm run authors:grant -- <account name or id> [--revoke]\n${args.error.issues.map((i) => i.message).join("\n")}`);
    process.exit(2);
  }
  const [account] = args.data;
  const result = await setAuthorRole(account, !revoke);
  await closeDb();
  if (!result.ok) {
    console.error(result.error);
    process.exit(1);
  }
  console.log(revoke ? `${result.name} is no longer an author.` : `${result.name} is now an author.`);
}

void main();
