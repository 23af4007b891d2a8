// SQLite: no query joins another request's open transaction (decision 0114).
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { whileBusy } from "./busy";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** FIFO: plain queries run together, a transaction alone; nobody overtakes a waiter. */
export class TransactionGate {
  #inTransaction = false;
  #plainRunning = 0;
  #queue: { transaction: boolean; admit: () => void }[] = [];

  enter(transaction: boolean): Promise<void> {
    return new Promise((admit) => {
      this.#queue.push({ transaction, admit });
      this.#pump();
    });
  }

  leavePlain(): void {
    this.#plainRunning--;
    this.#pump();
  }

  /** After commit, rollback, or a failed BEGIN. */
  leaveTransaction(): void {
    this.#inTransaction = false;
    this.#pump();
  }

  async plain<T>(work: () => Promise<T>): Promise<T> {
    await this.enter(false);
    try {
      return await work();
    } finally {
      this.leavePlain();
    }
  }

  /** For tests. */
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

/** Plain queries behind the gate; transactions BEGIN IMMEDIATE; SQLITE_BUSY waited out. */
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
      // The adapter refuses other levels before taking its mutex.
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
      // Left between attempts: this process's reads go on meanwhile.
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

/** The factory's connection behind `gate`; the shadow database's behind its own. */
export function gatedSqliteAdapter(factory: PrismaBetterSqlite3, gate = new TransactionGate()): PrismaBetterSqlite3 {
  return Object.assign(Object.create(factory) as PrismaBetterSqlite3, {
    connect: async () => gateAdapter(await factory.connect(), gate),
    connectToShadowDb: async () => gateAdapter(await factory.connectToShadowDb()),
  });
}
