/**
 * Reading a provider's JSON once its request is verified: parse errors say which provider sent
 * what, and the readers below never trust a field's type (a string may arrive as a number, an
 * object as null) nor read through the prototype chain.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A verified body that is not what the provider documents: the route answers 400. */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}

export function parseJson(rawBody: Buffer, provider: string): Json {
  try {
    return JSON.parse(rawBody.toString('utf8')) as Json;
  } catch (error) {
    throw new WebhookPayloadError(`${provider} webhook: the body is not JSON (${(error as Error).message})`);
  }
}

export function asObject(value: Json | undefined): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

export function asArray(value: Json | undefined): Json[] | null {
  return Array.isArray(value) ? value : null;
}

/** An own property of an object, or undefined; `__proto__` and friends read as plain keys. */
export function field(object: JsonObject | null, key: string): Json | undefined {
  return object !== null && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A string or number field as text, or null when absent, empty or of another type. */
export function text(value: Json | undefined): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function num(value: Json | undefined): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** Follows a path of keys through nested objects. */
export function at(object: JsonObject | null, ...path: string[]): Json | undefined {
  let current: Json | undefined = object;
  for (const key of path) current = field(asObject(current), key);
  return current;
}
