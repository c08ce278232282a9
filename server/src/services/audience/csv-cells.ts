/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @ or a
 * control character runs as a formula when the export is opened in Excel or Sheets. Names come
 * from public forms, so every exported cell is protected with a leading apostrophe, and the
 * importer removes exactly that apostrophe again so an export re-imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PROTECTED = /^'[=+\-@\t\r]/;

export function protectCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unprotectCell(value: string): string {
  return PROTECTED.test(value) ? value.slice(1) : value;
}
