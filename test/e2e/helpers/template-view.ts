/**
 * The campaign editor opens a template in the visual view; tests that type MJML or read CodeMirror switch
 * to the code view first (docs/architecture.md, "Visual editor").
 */
import type { Locator, Page } from 'playwright-core';
import { attribute } from './wait';

/** Shows the code view and returns CodeMirror's editable content. */
export async function showCode(page: Page): Promise<Locator> {
  const code = page.getByRole('group', { name: 'Template view' }).getByRole('button', { name: 'Code', exact: true });
  await code.click();
  await attribute(code, 'aria-pressed').toBe('true');
  const content = page.locator('.cm-content');
  await content.waitFor({ state: 'visible' });
  return content;
}
