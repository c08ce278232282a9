/**
 * Waiting assertions for playwright-core locators under vitest (the Playwright test runner's
 * `expect` is not part of playwright-core): each polls until it holds or 20 seconds pass.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

const POLL = { timeout: 20_000, interval: 150 };

export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, POLL);

export const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: POLL.timeout });

export const absent = (locator: Locator) => eventually(() => locator.count()).toBe(0);

export const text = (locator: Locator) =>
  eventually(async () => (await locator.first().textContent())?.replace(/\s+/g, ' ').trim() ?? '');

export const attribute = (locator: Locator, name: string) => eventually(() => locator.first().getAttribute(name));

export const value = (locator: Locator) => eventually(() => locator.first().inputValue());

export const count = (locator: Locator) => eventually(() => locator.count());
