/** JSON columns come back parsed (PostgreSQL, MySQL) or as text (SQLite, MariaDB): read both. */
export function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
