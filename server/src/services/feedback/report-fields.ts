/**
 * The machine-readable parts of DSNs (RFC 3464 `message/delivery-status`) and ARF reports
 * (RFC 5965 `message/feedback-report`) are blocks of RFC 822-style header fields. A DSN holds one
 * per-message block, then one block per recipient, separated by blank lines. Returned headers
 * (`text/rfc822-headers`, the head of a `message/rfc822`) are a single block.
 */

/** One block of fields: lower-cased names, unfolded values; a repeated field keeps its first value. */
export type FieldGroup = Map<string, string>;

/** Splits text into blocks of header fields, unfolding continuation lines. Empty blocks are dropped. */
export function parseFieldGroups(text: string): FieldGroup[] {
  const groups: FieldGroup[] = [];
  let current: FieldGroup = new Map();
  let last: string | null = null;

  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      last = null;
    } else if (/^[ \t]/.test(line)) {
      // A folded continuation of the previous field (RFC 5322 section 2.2.3).
      if (last !== null) current.set(last, `${current.get(last) ?? ''} ${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      // Not a field: a line some MTAs add by mistake. Skipping it keeps the rest of the block readable.
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      last = current.has(name) ? null : name;
      if (last !== null) current.set(name, line.slice(colon + 1).trim());
    }
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/** The header block of a message or of returned headers: everything up to the first blank line. */
export function parseHeaderBlock(text: string): FieldGroup {
  const end = text.search(/\r?\n\r?\n/);
  return parseFieldGroups(end === -1 ? text : text.slice(0, end))[0] ?? new Map();
}

/**
 * The address of a typed DSN field (`rfc822; user@example.com`, or `utf-8;` per RFC 6533), null for
 * other address types (X.400 and the like), which no subscriber has.
 */
export function typedAddress(value: string | undefined): string | null {
  if (!value) return null;
  const match = /^\s*(rfc822|utf-8)\s*;\s*(.+)$/i.exec(value);
  const address = match ? stripBrackets(match[2]) : null;
  return address && address.includes('@') ? address : null;
}

/** A Diagnostic-Code without its type (`smtp; 550 ...` → `550 ...`), whitespace collapsed. */
export function diagnosticText(value: string | undefined): string | null {
  if (!value) return null;
  const text = value
    .replace(/^\s*[a-z0-9-]+\s*;\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

/** `<id@host>` → `id@host`; also trims, and keeps only the first of several bracketed values. */
export function stripBrackets(value: string): string {
  const bracketed = /<([^<>]*)>/.exec(value);
  return (bracketed ? bracketed[1] : value).trim();
}
