// One SQLite connection, one transaction at a time, and nothing else while it is open: Prisma's
// better-sqlite3 adapter runs every query on one connection, so a query from another request
// issued while a transaction is open joins that transaction and is rolled back with it, after
// its own request was told it was stored. The gate makes such queries wait for the end, and
// transactions take the write lock when they begin (see gateAdapter).
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { whileBusy } from "./busy";

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
 * transactions, which begin IMMEDIATE: they take the file's write lock first, so nothing inside
 * them can meet another process's lock (a deferred BEGIN fails at its first write whenever another
 * process committed since its first read). Another process's lock met by a plain statement or by
 * BEGIN is waited out here (whileBusy), so no caller retries. Not the adapter's own transactions:
 * its `startTransaction` never releases its mutex when BEGIN fails. Prisma sends COMMIT/ROLLBACK.
 */
export function gateAdapter(inner: Adapter, gate = new TransactionGate()): Adapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => whileBusy(() => gate.plain(() => inner.queryRaw(query))),
    executeRaw: (query) => whileBusy(() => gate.plain(() => inner.executeRaw(query))),
    executeScript: (script) => whileBusy(() => gate.plain(() => inner.executeScript(script))),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel) {
      // SQLite transactions are serializable; the adapter refuses any other level (before its mutex).
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
      // The gate is left between attempts, so this process's reads go on while it waits.
      await whileBusy(async () => {
        await gate.enter(true);
        try {
          await inner.executeRaw(statement("BEGIN IMMEDIATE"));
        } catch (error) {
          gate.leaveTransaction();
          throw error;
        }
      });
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
