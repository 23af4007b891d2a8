// A report table's header row: one column header per entry, in order; a null entry is left out
// (a column shown only sometimes).
import type { ReactNode } from "react";

export function ColumnHeads({ columns }: { columns: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) =>
          column === null ? null : (
            <th key={i} scope="col">
              {column}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
