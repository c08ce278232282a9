import { errors } from '@strapi/utils';

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

/**
 * Runs a write whose unique index can refuse it (a slug, an address): the refusal becomes a
 * ValidationError with `message`, a 400 the admin can show, instead of a 500.
 */
export async function duplicateAsValidationError<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new errors.ValidationError(message);
    throw error;
  }
}
