/**
 * Groups concurrent requests into one write. Providers post in bursts of one event per
 * request; a transaction per request would commit (and on SQLite fsync, blocking the event
 * loop) once per event. Here a request is written as soon as the event loop has read what
 * arrived with it, and every request that arrives while a write runs joins the next one, so a
 * quiet site waits for nothing and a burst costs a few transactions.
 */
export interface Coalesced<Item, Result> {
  /** Resolves with this item's result once the group it joined is written. */
  (item: Item): Promise<Result>;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * `write` handles a group and returns one result per item, in order. A group holds items until
 * their `weight` (events, say) passes `maxWeight`; a failed write rejects every item of its group.
 */
export function coalesce<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  weight: (item: Item) => number,
  maxWeight: number,
): Coalesced<Item, Result> {
  let queue: Array<Waiting<Item, Result>> = [];
  let writing = false;

  const nextGroup = () => {
    let total = 0;
    let size = 0;
    // At least one item, however heavy.
    while (size < queue.length && (size === 0 || total + weight(queue[size].item) <= maxWeight)) {
      total += weight(queue[size].item);
      size += 1;
    }
    const group = queue.slice(0, size);
    queue = queue.slice(size);
    return group;
  };

  const drain = async () => {
    while (queue.length > 0) {
      const group = nextGroup();
      try {
        const results = await write(group.map((waiting) => waiting.item));
        group.forEach((waiting, i) => waiting.resolve(results[i]));
      } catch (error) {
        group.forEach((waiting) => waiting.reject(error));
      }
    }
    writing = false;
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (writing) return;
      writing = true;
      // After the requests already read in this turn of the event loop, so they join the first group.
      setImmediate(() => void drain());
    });
}
