// Admission order of the transaction gate: plain queries together, a transaction alone, FIFO.
import { TransactionGate } from "./transaction-gate";

/** Enters and records the order in which entries are admitted. */
function recorder(gate: TransactionGate) {
  const admitted: string[] = [];
  const enter = (name: string, transaction: boolean) => gate.enter(transaction).then(() => void admitted.push(name));
  return { admitted, enter };
}
const settle = () => new Promise((r) => setImmediate(r));

it("admits plain queries together when no transaction is open", async () => {
  const gate = new TransactionGate();
  const { admitted, enter } = recorder(gate);
  void enter("a", false);
  void enter("b", false);
  await settle();
  expect(admitted).toEqual(["a", "b"]);
});

it("holds a plain query back while a transaction is open, and admits it when the transaction ends", async () => {
  const gate = new TransactionGate();
  const { admitted, enter } = recorder(gate);
  void enter("tx", true);
  void enter("plain", false);
  await settle();
  expect(admitted).toEqual(["tx"]);
  gate.leaveTransaction();
  await settle();
  expect(admitted).toEqual(["tx", "plain"]);
  gate.leavePlain();
  expect(gate.busy).toBe(false);
});

it("starts a transaction only after the plain queries already running have finished", async () => {
  const gate = new TransactionGate();
  const { admitted, enter } = recorder(gate);
  void enter("p1", false);
  void enter("p2", false);
  await settle();
  void enter("tx", true);
  await settle();
  expect(admitted).toEqual(["p1", "p2"]);
  gate.leavePlain();
  await settle();
  expect(admitted).toEqual(["p1", "p2"]);
  gate.leavePlain();
  await settle();
  expect(admitted).toEqual(["p1", "p2", "tx"]);
});

it("lets nobody overtake a waiting transaction: a later plain query waits behind it", async () => {
  const gate = new TransactionGate();
  const { admitted, enter } = recorder(gate);
  void enter("p1", false);
  await settle();
  void enter("tx1", true);
  void enter("p2", false);
  void enter("tx2", true);
  await settle();
  expect(admitted).toEqual(["p1"]);
  gate.leavePlain(); // p1 done: tx1 alone
  await settle();
  expect(admitted).toEqual(["p1", "tx1"]);
  gate.leaveTransaction(); // p2, then tx2 once p2 is done
  await settle();
  expect(admitted).toEqual(["p1", "tx1", "p2"]);
  gate.leavePlain();
  await settle();
  expect(admitted).toEqual(["p1", "tx1", "p2", "tx2"]);
  gate.leaveTransaction();
  expect(gate.busy).toBe(false);
});
