// Environment parsing: sensible defaults, and errors that name the variable.
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded SQLite database", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_PROVIDER: "sqlite", DATABASE_URL: "file:./data/app.db" });
  });

  it("accepts Postgres with a connection URL", () => {
    const env = parseEnv({ DATABASE_PROVIDER: "postgresql", DATABASE_URL: "postgresql://u@127.0.0.1:5432/db" });
    expect(env.DATABASE_URL).toBe("postgresql://u@127.0.0.1:5432/db");
  });

  it.each([
    [{ DATABASE_PROVIDER: "mysql" }, /DATABASE_PROVIDER/],
    [{ DATABASE_PROVIDER: "postgresql" }, /DATABASE_URL: is required when DATABASE_PROVIDER=postgresql/],
    [{ DATABASE_PROVIDER: "postgresql", DATABASE_URL: "file:./x.db" }, /DATABASE_URL: must look like postgresql:/],
    [{ DATABASE_URL: "postgresql://u@h/db" }, /DATABASE_URL: must look like file:/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
  ])("rejects %j naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
