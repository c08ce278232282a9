/** True when a database refused a row because of a unique index, whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    String(code ?? '').startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    /unique constraint|duplicate entry/i.test(String(message))
  );
}
