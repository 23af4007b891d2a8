// Migrations via the wasm schema engine (0154): deploy | dev --name x [--create-only] | status | reset --force
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { loadConfigFromFile } from "@prisma/config";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const root = process.cwd();
const USAGE = "usage: migrate.mjs deploy | dev --name <name> [--create-only] [--accept-data-loss] | status | reset --force";

const { config, error } = await loadConfigFromFile({ configRoot: root });
if (error) fail(`cannot load prisma.config.ts: ${error._tag} ${"error" in error ? error.error.message : ""}`);
if (!config.schema || !config.migrations?.path || !config.datasource?.url)
  fail("prisma.config.ts must name the schema, the migrations path and the datasource url");
const schemaDir = path.resolve(root, config.schema);
const migrationsDir = path.resolve(root, config.migrations.path);
const url = config.datasource.url;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`db:migrate: ${message}`);
  process.exit(1);
}

/** All .prisma files of the provider folder; the shared models/ folder is a symlink inside it. */
function schemaFiles() {
  /** @type {(p: string) => string[]} */
  const walk = (p) => {
    if (!fs.statSync(p).isDirectory()) return p.endsWith(".prisma") ? [p] : [];
    return fs
      .readdirSync(p)
      .sort()
      .filter((n) => n !== "migrations")
      .flatMap((n) => walk(path.join(p, n)));
  };
  return walk(schemaDir).map((p) => ({ path: p, content: fs.readFileSync(p, "utf8") }));
}

/** @param {{ path: string; content: string }[]} files */
function providerOf(files) {
  const datasource = files
    .map((f) => f.content)
    .join("\n")
    .match(/datasource\s+\w+\s*\{([^}]*)\}/);
  return datasource?.[1]?.match(/provider\s*=\s*"(\w+)"/)?.[1];
}

/** @returns {import("@prisma/schema-engine-wasm").MigrationList} */
function migrationsList() {
  const folders = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lock = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => {
      const sql = path.join(migrationsDir, folder, "migration.sql");
      const content = fs.existsSync(sql)
        ? { tag: /** @type {const} */ ("ok"), value: fs.readFileSync(sql, "utf8") }
        : { tag: /** @type {const} */ ("error"), value: `${folder}/migration.sql is missing` };
      return { path: folder, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

function sqliteFile() {
  const [file = ""] = url.replace(/^file:/, "").split("?");
  return path.resolve(root, file);
}

async function sqliteFactory() {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  fs.mkdirSync(path.dirname(sqliteFile()), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url });
  // The engine replays a migration as ONE raw statement, which better-sqlite3 refuses: use exec.
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectShadow();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (e) {
        if (query.args.length > 0) throw e;
        await shadow.executeScript(query.sql);
        return 0;
      }
    };
    return shadow;
  };
  return factory;
}

/**
 * pg "char" columns (OID 18, used by pg_catalog) have no adapter mapping: read them as text.
 * Patches the adapter's internal performIO, which its types do not declare: hence `any`.
 * @param {any} queryable
 * @returns {any}
 */
function charAsText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (/** @type {unknown} */ query) => {
    /** @type {{ fields?: { dataTypeID: number }[] } | undefined} */
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  if (queryable.startTransaction) {
    const start = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (/** @type {unknown[]} */ ...args) => charAsText(await start(...args));
  }
  return queryable;
}

async function postgresFactory() {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const u = new URL(url);
  // Never { connectionString }: it would override the shadow `database`, replaying into the real one.
  const pgConfig = {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
  };
  const schema = u.searchParams.get("schema") ?? undefined;
  const options = schema ? { schema } : undefined;
  const factory = new PrismaPg(pgConfig, options);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => charAsText(await connect());
  // The stock shadow connection drops its temporary database while its own pool still holds it.
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const database = `prisma_shadow_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = charAsText(await new PrismaPg({ ...pgConfig, database }, options).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}

async function loadEngine() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  /** @type {typeof import("@prisma/schema-engine-wasm/schema_engine_bg")} */
  const glue = await import(path.join(dir, "schema_engine_bg.js"));
  const wasm = new WebAssembly.Module(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  // wasm-bindgen's start function: WebAssembly.Exports does not know the module's own exports.
  /** @type {{ __wbindgen_start(): void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
  return glue;
}

const filters = { externalTables: [], externalEnums: [] };

/**
 * @param {string | undefined} cmd
 * @param {string[]} args
 */
async function run(cmd, args) {
  /** @param {string} name */
  const flag = (name) => args.includes(name);
  /** @param {string} name */
  const option = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  if (cmd !== "deploy" && cmd !== "dev" && cmd !== "status" && cmd !== "reset") fail(USAGE);
  if (cmd === "reset" && !flag("--force")) fail("reset deletes all data: pass --force");

  const files = schemaFiles();
  const provider = providerOf(files);
  if (provider !== "sqlite" && provider !== "postgresql") fail(`unsupported provider "${provider}" in ${schemaDir}`);
  if (cmd === "reset" && provider === "sqlite") {
    // Through an adapter the engine's SQLite reset only deletes rows; remove the file instead.
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(sqliteFile() + suffix, { force: true });
  }

  if (provider === "sqlite" && cmd !== "status") enableWal();
  if (provider === "sqlite" && cmd === "deploy") return deploySqlite();

  const { SchemaEngine } = await loadEngine();
  const factory = bindMigrationAwareSqlAdapterFactory(provider === "sqlite" ? await sqliteFactory() : await postgresFactory());
  const log = (/** @type {string} */ line) => process.env.DEBUG_SCHEMA_ENGINE && console.error("[schema-engine]", line);
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, factory);
  const apply = async () => (await engine.applyMigrations({ migrationsList: migrationsList(), filters })).appliedMigrationNames;
  try {
    if (cmd === "deploy") {
      const applied = await apply();
      console.log(applied.length ? `db:migrate (${provider}): applied ${applied.join(", ")}` : `db:migrate (${provider}): up to date`);
    } else if (cmd === "reset") {
      if (provider !== "sqlite") await engine.reset({ filter: filters });
      console.log(`db:migrate (${provider}): reset, applied ${(await apply()).join(", ") || "nothing"}`);
    } else if (cmd === "status") {
      const status = await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters });
      console.log(JSON.stringify(status, null, 2));
    } else {
      const name = option("--name");
      if (!name || !/^[a-z0-9_]+$/.test(name)) fail("dev needs --name <snake_case_name>");
      // Apply first: on a brand-new database this creates _prisma_migrations (the diagnostic needs it).
      const pending = await apply();
      if (pending.length) console.log(`applied pending: ${pending.join(", ")}`);
      const diagnostic = await engine.devDiagnostic({ migrationsList: migrationsList(), filters });
      if (diagnostic.action.tag === "reset")
        fail(`the database has drifted from the migrations (${diagnostic.action.reason}); run reset --force`);
      const loss = await engine.evaluateDataLoss({ migrationsList: migrationsList(), schema: { files }, filters });
      for (const w of [...loss.warnings, ...loss.unexecutableSteps]) console.warn(`warning: ${w.message}`);
      if (loss.unexecutableSteps.length || (loss.warnings.length && !flag("--accept-data-loss") && !flag("--create-only"))) {
        fail("this migration would lose data or cannot run as is: review it with --create-only, or pass --accept-data-loss");
      }
      const created = await engine.createMigration({
        draft: flag("--create-only"),
        migrationName: name,
        migrationsList: migrationsList(),
        schema: { files },
        filters,
      });
      if (created.migrationScript === null) {
        console.log("models and migrations are in sync: nothing to create");
      } else {
        const folder = path.join(migrationsDir, created.generatedMigrationName);
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, `migration.${created.extension}`), created.migrationScript);
        fs.writeFileSync(
          path.join(migrationsDir, "migration_lock.toml"),
          `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
        );
        console.log(`created ${path.relative(root, folder)}`);
        if (!flag("--create-only")) console.log(`applied ${(await apply()).join(", ")}`);
      }
    }
  } finally {
    engine.free();
  }
}

/** `deploy` on SQLite in one IMMEDIATE transaction, without the engine's EXCLUSIVE lock (decision 0172). */
function deploySqlite() {
  const Database = require("better-sqlite3");
  const { createHash, randomUUID } = require("node:crypto");
  const db = new Database(sqliteFile(), { timeout: 60_000 });
  const now = () => new Date().toISOString().replace("Z", "+00:00");
  const migrations = migrationsList().migrationDirectories.map(({ path: name, migrationFile: { content } }) => {
    if (content.tag === "error") fail(content.value);
    return { name, sql: content.value, checksum: createHash("sha256").update(content.value).digest("hex") };
  });
  // Table redefinitions in Prisma's SQLite migrations rely on foreign keys being off while they run.
  db.pragma("foreign_keys = OFF");
  /** @type {string[]} */
  const applied = [];
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`);
    /** @type {{ migration_name: string; checksum: string; finished_at: string | null }[]} */
    const rows = /** @type {any[]} */ (
      db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`).all()
    );
    const known = new Map(rows.map((r) => [r.migration_name, r]));
    for (const row of rows) {
      if (row.finished_at === null) fail(`migration ${row.migration_name} failed earlier and was not rolled back: resolve it, then retry`);
    }
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
    );
    for (const m of migrations) {
      const row = known.get(m.name);
      if (row) {
        if (row.checksum !== m.checksum) fail(`migration ${m.name} was changed after it was applied to this database`);
        continue;
      }
      const started = now();
      db.exec(m.sql);
      insert.run(randomUUID(), m.checksum, now(), m.name, started);
      applied.push(m.name);
    }
    const broken = /** @type {unknown[]} */ (db.pragma("foreign_key_check"));
    if (broken.length)
      throw new Error(`the migrations leave ${broken.length} rows violating foreign keys (first: ${JSON.stringify(broken[0])})`);
  }).immediate();
  db.pragma("foreign_keys = ON");
  db.close();
  console.log(applied.length ? `db:migrate (sqlite): applied ${applied.join(", ")}` : `db:migrate (sqlite): up to date`);
}

/** Stored in the file. */
function enableWal() {
  const Database = require("better-sqlite3");
  fs.mkdirSync(path.dirname(sqliteFile()), { recursive: true });
  const db = new Database(sqliteFile());
  db.pragma("journal_mode = WAL");
  db.close();
}

// Exit explicitly: the wasm engine keeps a long timer and pg pools alive after the work is done.
run(process.argv[2], process.argv.slice(3)).then(
  () => process.exit(0),
  (e) => {
    const message = String(e?.message ?? e);
    // better-sqlite3's "database is locked" reaches us as a SocketTimeout from the adapter.
    const hint = /SocketTimeout|database is locked/.test(message)
      ? "\nThe database is locked: `dev`, `reset` and `status` need the SQLite file to themselves (deploy does not): stop the running app and retry."
      : "";
    fail(`${message.split("\n")[0]}${e?.code ? ` (${e.code})` : ""}${hint}`);
  },
);
