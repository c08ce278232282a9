import { useCallback, useState } from 'react';

export interface RowSelection {
  ids: number[];
  has: (id: number) => boolean;
  toggle: (id: number, on: boolean) => void;
  /** Checks or unchecks every row shown (the page), keeping the others chosen. */
  toggleMany: (ids: number[], on: boolean) => void;
  clear: () => void;
}

/** Rows checked in a table, kept across its pages until cleared. */
export function useRowSelection(): RowSelection {
  const [ids, setIds] = useState<number[]>([]);
  const toggleMany = useCallback(
    (changed: number[], on: boolean) =>
      setIds((current) =>
        on ? [...new Set([...current, ...changed])] : current.filter((id) => !changed.includes(id)),
      ),
    [],
  );
  return {
    ids,
    has: (id) => ids.includes(id),
    toggle: (id, on) => toggleMany([id], on),
    toggleMany,
    clear: () => setIds([]),
  };
}
