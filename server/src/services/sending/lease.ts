/**
 * Keeps a claimed batch's lease alive while it is being sent, so other instances do not take
 * its rows for abandoned: `renew` runs every third of the lease, so one failed renewal is not
 * yet fatal. Returns the function that stops the renewals. See docs/architecture.md, "Several instances".
 */
export function keepLeaseAlive(
  leaseSeconds: number,
  renew: () => Promise<void>,
  onError: (error: Error) => void,
): () => void {
  const timer = setInterval(() => void renew().catch(onError), (leaseSeconds * 1000) / 3);
  // A pending renewal must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
