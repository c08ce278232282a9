// Rows are marked as handed over this many at a time, just before the first of them is sent.
const HANDOVER_GROUP = 20;

/**
 * Marks rows as handed over to the transport a group at a time, before any of the group is
 * sent, so that after a crash only those rows become `unknown` and the rest of the batch goes
 * back to the queue. The gate resolves whether the row at `index` is still ours to send. One
 * write per group keeps the cost off each message. See docs/architecture.md, "At most once".
 *
 * `mark` writes the marks and returns the ids still held; when it throws, the group counts as
 * not ours: not marked, so not sent, and the rows go back to the queue.
 */
export function handoverGate(
  rows: ReadonlyArray<{ id: number }>,
  mark: (ids: number[]) => Promise<number[]>,
  onError: (error: Error) => void,
): (index: number) => Promise<boolean> {
  const ours = new Set<number>();
  let markedUpTo = 0;
  let marking: Promise<void> | null = null;
  const markNextGroup = async () => {
    const end = Math.min(rows.length, markedUpTo + HANDOVER_GROUP);
    try {
      for (const id of await mark(rows.slice(markedUpTo, end).map((row) => row.id))) ours.add(id);
    } catch (error) {
      onError(error as Error);
    }
    markedUpTo = end;
  };
  return async (index) => {
    while (index >= markedUpTo) {
      marking ??= markNextGroup().finally(() => {
        marking = null;
      });
      await marking;
    }
    return ours.has(rows[index].id);
  };
}
