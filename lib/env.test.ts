// Environment parsing: sensible defaults, and errors that name the variable.
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded SQLite database", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_PROVIDER: "sqlite", DATABASE_URL: "file:./data/app.db" });
  });

  it("has limits for every write a stranger can repeat, and one process by default", () => {
    expect(parseEnv({})).toMatchObject({
      RATE_LIMIT_PER_MINUTE: 10,
      QUIZ_RATE_LIMIT_PER_MINUTE: 30,
      NEW_LEARNERS_PER_MINUTE: 30,
      AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE: 5,
      SIGN_IN_ATTEMPTS_PER_MINUTE: 20,
      WEB_CONCURRENCY: 1,
    });
    expect(parseEnv({ WEB_CONCURRENCY: "2", NEW_LEARNERS_PER_MINUTE: "100" })).toMatchObject({
      WEB_CONCURRENCY: 2,
      NEW_LEARNERS_PER_MINUTE: 100,
    });
  });

  it("reads where to listen and the optional Ask AI model, with defaults", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      ASK_MODEL_TIMEOUT_MS: 20_000,
      ASK_MODEL_MAX_CHARS: 4_000,
      CONTENT_DIRS: ["content"],
    });
    expect(parseEnv({}).ASK_MODEL_BASE_URL).toBeUndefined();
    const set = parseEnv({
      PORT: "3001",
      ASK_MODEL_BASE_URL: "",
      ASK_MODEL_TIMEOUT_MS: "800",
      CONTENT_DIRS: "content, tests/fixtures/content",
    });
    expect(set).toMatchObject({ PORT: 3001, ASK_MODEL_TIMEOUT_MS: 800, CONTENT_DIRS: ["content", "tests/fixtures/content"] });
    expect(set.ASK_MODEL_BASE_URL).toBeUndefined();
    expect(parseEnv({ ASK_MODEL_BASE_URL: "http://127.0.0.1:8080/v1" }).ASK_MODEL_BASE_URL).toBe("http://127.0.0.1:8080/v1");
  });

  it("serves the runner from the app's origin unless RUNNER_ORIGIN (with APP_ORIGIN) says otherwise", () => {
    const plain = parseEnv({ RUNNER_ORIGIN: "", APP_ORIGIN: "" });
    expect([plain.RUNNER_ORIGIN, plain.APP_ORIGIN]).toEqual([undefined, undefined]);
    expect(parseEnv({ RUNNER_ORIGIN: "https://runner.example.net/", APP_ORIGIN: "https://learn.example.org" })).toMatchObject({
      RUNNER_ORIGIN: "https://runner.example.net",
      APP_ORIGIN: "https://learn.example.org",
    });
  });

  it.each([
    [{ RUNNER_ORIGIN: "https://runner.example.net" }, /APP_ORIGIN: is required when RUNNER_ORIGIN is set/],
    [{ RUNNER_ORIGIN: "https://a.example", APP_ORIGIN: "https://a.example" }, /RUNNER_ORIGIN: must differ from APP_ORIGIN/],
    [{ RUNNER_ORIGIN: "https://runner.example.net/runner/", APP_ORIGIN: "https://learn.example.org" }, /RUNNER_ORIGIN: must be an origin/],
    [{ RUNNER_ORIGIN: "javascript:alert(1)", APP_ORIGIN: "https://learn.example.org" }, /RUNNER_ORIGIN: must be an origin/],
    [{ RUNNER_ORIGIN: "https://runner.example.net", APP_ORIGIN: "learn.example.org" }, /APP_ORIGIN: must be an origin/],
  ])("rejects runner origins that would not work: %p", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
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
    [{ WEB_CONCURRENCY: "0" }, /WEB_CONCURRENCY/],
    [{ WEB_CONCURRENCY: "two" }, /WEB_CONCURRENCY/],
    [{ QUIZ_RATE_LIMIT_PER_MINUTE: "-3" }, /QUIZ_RATE_LIMIT_PER_MINUTE/],
    [{ AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE: "1.5" }, /AUTHOR_TOKEN_ATTEMPTS_PER_MINUTE/],
    [{ LOG_LEVEL: "verbose" }, /LOG_LEVEL/],
    [{ ASK_MODEL_TIMEOUT_MS: "abc" }, /ASK_MODEL_TIMEOUT_MS: must be a whole number of milliseconds/],
    [{ ASK_MODEL_BASE_URL: "localhost:8080" }, /ASK_MODEL_BASE_URL: must be a URL/],
    [{ ASK_MODEL_MAX_CHARS: "10" }, /ASK_MODEL_MAX_CHARS/],
    [{ PORT: "http" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
  ])("rejects %j naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
