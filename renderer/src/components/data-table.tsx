import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  /** Stable id of the column; also the default sort key. */
  id: string;
  header: ReactNode;
  /** What a cell shows. */
  cell: (row: T) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => string | number | null;
  align?: 'start' | 'end';
  /** 'wrap' lets long text wrap; 'nowrap' keeps it on one line. */
  wrap?: 'wrap' | 'nowrap';
  /** The cell that names the row for screen readers (rendered as a row header). */
  rowHeader?: boolean;
}

export interface DataTableProps<T> {
  /** What the table lists; read out by screen readers, visible unless captionHidden. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  initialSort?: { column: string; direction: 'ascending' | 'descending' };
}

/**
 * The dense table every list in the workstation uses: sticky header, zebra
 * rows, tabular figures, optional sorting with aria-sort. Keep rows under a
 * few thousand; for more, page on the server (the API's `limit`).
 */
export function DataTable<T>({ caption, captionHidden, columns, rows, rowKey, empty, initialSort }: DataTableProps<T>) {
  const [sort, setSort] = useState(initialSort ?? null);

  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.id === sort.column);
    if (!col?.sortValue) return rows;
    const value = col.sortValue;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true })) * sign;
    });
  }, [rows, columns, sort]);

  if (rows.length === 0 && empty) return <>{empty}</>;

  const toggle = (id: string) =>
    setSort((s) => (s?.column === id ? { column: id, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { column: id, direction: 'ascending' }));

  const cls = (c: Column<T>) => [c.align === 'end' ? 'num' : null, c.wrap ?? null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.column === c.id;
              return (
                <th key={c.id} scope="col" className={c.align === 'end' ? 'num' : undefined} aria-sort={c.sortValue ? (active ? sort.direction : 'none') : undefined}>
                  {c.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(c.id)}>
                      {c.header}
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.id} scope="row" className={cls(c)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.id} className={cls(c)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
