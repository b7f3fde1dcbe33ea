import { cn } from "./cn";

/** A column header; `hidden` keeps the label for screen readers only (e.g. an actions column). */
export type Column = string | { label: string; hidden: true };

/** The header row every dashboard table shares. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="border-b border-stone-200 text-stone-700">
      <tr>
        {columns.map((column, index) => {
          const label = typeof column === "string" ? column : column.label;
          const last = index === columns.length - 1;
          return (
            // A hidden label is absolutely positioned (sr-only): `relative` keeps it inside its cell,
            // else it escapes the table's scrolling box and widens the whole page on a phone.
            <th key={label} scope="col" className={cn(last ? "py-2 font-medium" : "py-2 pr-4 font-medium", typeof column !== "string" && "relative")}>
              {typeof column === "string" ? label : <span className="sr-only">{label}</span>}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
