// One SQLite connection, one transaction at a time, and nothing else while it is open: Prisma's
// better-sqlite3 adapter runs every query on one connection, so a query from another request
// issued while a transaction is open joins that transaction and is rolled back with it, after
// its own request was told it was stored. The gate makes such queries wait for the end, and
// transactions take the write lock when they begin (see gateAdapter).
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * FIFO admission: plain queries may run together (better-sqlite3 runs each to completion), a
 * transaction runs alone from its start to its commit or rollback. Nobody overtakes a waiter.
 */
export class TransactionGate {
  #inTransaction = false;
  #plainRunning = 0;
  #queue: { transaction: boolean; admit: () => void }[] = [];

  /** Resolves when a query (or, with `transaction`, a transaction) may use the connection. */
  enter(transaction: boolean): Promise<void> {
    return new Promise((admit) => {
      this.#queue.push({ transaction, admit });
      this.#pump();
    });
  }

  /** A plain query is done. */
  leavePlain(): void {
    this.#plainRunning--;
    this.#pump();
  }

  /** The transaction has ended (committed, rolled back, or failed to start). */
  leaveTransaction(): void {
    this.#inTransaction = false;
    this.#pump();
  }

  /** Runs `work` as a plain query: after any open transaction, alongside other plain queries. */
  async plain<T>(work: () => Promise<T>): Promise<T> {
    await this.enter(false);
    try {
      return await work();
    } finally {
      this.leavePlain();
    }
  }

  /** Whether anything is running or waiting (for tests). */
  get busy(): boolean {
    return this.#inTransaction || this.#plainRunning > 0 || this.#queue.length > 0;
  }

  #pump() {
    for (let next = this.#queue[0]; next && !this.#inTransaction; next = this.#queue[0]) {
      if (next.transaction) {
        if (this.#plainRunning > 0) return;
        this.#inTransaction = true;
      } else this.#plainRunning++;
      this.#queue.shift();
      next.admit();
    }
  }
}

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/**
 * The adapter with every query outside a transaction held back while one is open, and its own
 * transactions. They begin IMMEDIATE: the transaction takes the file's write lock when it starts
 * (waiting in the busy timeout, or failing there with SQLITE_BUSY before anything ran). With the
 * adapter's deferred `BEGIN`, a transaction that reads first (Prisma's upsert is a SELECT, then an
 * INSERT) fails at its first write whenever another process committed since that read
 * (SQLITE_BUSY_SNAPSHOT, without waiting) and has to run again. They are not the adapter's own
 * because its `startTransaction` never releases its internal mutex when `BEGIN` fails, which
 * would stop every later transaction of the process. Prisma sends COMMIT and ROLLBACK itself.
 */
export function gateAdapter(inner: Adapter, gate = new TransactionGate()): Adapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.plain(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.plain(() => inner.executeRaw(query)),
    executeScript: (script) => gate.plain(() => inner.executeScript(script)),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel) {
      // SQLite transactions are serializable; the adapter refuses any other level (before its mutex).
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
      await gate.enter(true);
      try {
        await inner.executeRaw(statement("BEGIN IMMEDIATE"));
      } catch (error) {
        gate.leaveTransaction();
        throw error;
      }
      return transactionOn(inner, gate);
    },
  };
}

/** The open transaction: the connection's queries until Prisma's COMMIT or ROLLBACK, then the gate opens. */
function transactionOn(inner: Adapter, gate: TransactionGate): Transaction {
  let open = true;
  const end = () => {
    if (open) {
      open = false;
      gate.leaveTransaction();
    }
    return Promise.resolve();
  };
  const savepoint = async (sql: string) => void (await inner.executeRaw(statement(sql)));
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    commit: end,
    rollback: end,
    createSavepoint: (name) => savepoint(`SAVEPOINT ${name}`),
    rollbackToSavepoint: (name) => savepoint(`ROLLBACK TO ${name}`),
    releaseSavepoint: (name) => savepoint(`RELEASE SAVEPOINT ${name}`),
  };
}

/** The better-sqlite3 adapter factory, its connection behind `gate` (the shadow database behind its own). */
export function gatedSqliteAdapter(factory: PrismaBetterSqlite3, gate = new TransactionGate()): PrismaBetterSqlite3 {
  return Object.assign(Object.create(factory) as PrismaBetterSqlite3, {
    connect: async () => gateAdapter(await factory.connect(), gate),
    connectToShadowDb: async () => gateAdapter(await factory.connectToShadowDb()),
  });
}
