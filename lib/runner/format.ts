// Console arguments (tensors too) as the text a cell's output shows.

export const MAX_TEXT = 10_000;
const MAX_ITEMS = 100;
const MAX_DEPTH = 3;

type TensorLike = { shape: number[]; dtype: string; isDisposed?: boolean; toString(verbose?: boolean): string };

export function isTensorLike(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> & { dataSync?: unknown };
  return (
    typeof value === "object" && value !== null && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataSync === "function"
  );
}

/** "Tensor float32 [5, 10]" and the values as tensor.print() shows them (long dims elided). */
export function formatTensor(t: TensorLike): string {
  const header = `Tensor ${t.dtype} [${t.shape.join(", ")}]`;
  if (t.isDisposed) return `${header} (disposed)`;
  try {
    const body = t.toString().split("\n").slice(1).join("\n");
    return `${header}\n${body}`;
  } catch (e) {
    return `${header} (${(e as Error).message})`;
  }
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

function inner(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : JSON.stringify(value);
    case "number":
      return formatNumber(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return `[Function ${value.name || "(anonymous)"}]`;
  }
  if (value === null) return "null";
  const obj = value as object;
  if (isTensorLike(obj)) return formatTensor(obj);
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (seen.has(obj)) return "[Circular]";
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? "[Array]" : "[Object]";
  seen.add(obj);
  try {
    const list = (items: unknown[], total: number, open: string, close: string) => {
      const shown = items.slice(0, MAX_ITEMS).map((v) => inner(v, depth + 1, seen));
      if (total > MAX_ITEMS) shown.push(`… ${total - MAX_ITEMS} more`);
      return `${open}${shown.join(", ")}${close}`;
    };
    if (Array.isArray(obj)) return list(obj, obj.length, "[", "]");
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      const typed = obj as unknown as ArrayLike<number>;
      return `${obj.constructor.name}(${typed.length}) ${list(Array.from(typed).slice(0, MAX_ITEMS + 1), typed.length, "[", "]")}`;
    }
    if (obj instanceof Map) {
      const entries = [...obj.entries()]
        .slice(0, MAX_ITEMS)
        .map(([k, v]) => `${inner(k, depth + 1, seen)} => ${inner(v, depth + 1, seen)}`);
      return `Map(${obj.size}) {${entries.join(", ")}}`;
    }
    if (obj instanceof Set) return `Set(${obj.size}) ${list([...obj].slice(0, MAX_ITEMS + 1), obj.size, "{", "}")}`;
    if (obj instanceof Date) return obj.toISOString();
    const keys = Object.keys(obj);
    const entries = keys
      .slice(0, MAX_ITEMS)
      .map(
        (k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner((obj as Record<string, unknown>)[k], depth + 1, seen)}`,
      );
    if (keys.length > MAX_ITEMS) entries.push(`… ${keys.length - MAX_ITEMS} more`);
    const name = obj.constructor && obj.constructor !== Object ? `${obj.constructor.name} ` : "";
    return entries.length ? `${name}{ ${entries.join(", ")} }` : `${name}{}`;
  } finally {
    seen.delete(obj);
  }
}

export function formatArgs(args: unknown[]): string {
  const text = args.map((a) => inner(a, 0, new Set())).join(" ");
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)` : text;
}
