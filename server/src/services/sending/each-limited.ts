/**
 * Runs `worker` over `items` with at most `limit` at a time. Once `stop()` says so, the items
 * not yet started are left alone and returned, so the caller can give them back.
 */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  stop: () => boolean,
  worker: (item: T, index: number) => Promise<void>,
): Promise<T[]> {
  const untouched: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      if (stop()) untouched.push(items[index]);
      else await worker(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return untouched;
}
