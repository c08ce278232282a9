const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const median = (xs) => quantile(xs, 0.5);
const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
const mb = (bytes) => round(bytes / 1048576, 1);

/** Runs `fn` `times` times (after `warmup` untimed runs) and returns the durations in ms. */
async function timeRuns(fn, { times, warmup = 0 }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

function summary(ms) {
  return {
    median: round(median(ms), 3),
    p95: round(quantile(ms, 0.95), 3),
    min: round(Math.min(...ms), 3),
    runs: ms.length,
  };
}

module.exports = { median, quantile, round, mb, timeRuns, summary, now: () => performance.now() };
