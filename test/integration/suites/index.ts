import type { SuiteContext } from './context';
import { foundationSuite } from './foundation';
import { senderSuite } from './sender';

/** Every suite that runs once per database, sharing that database's Strapi boot. */
export const DATABASE_SUITES: Array<(ctx: SuiteContext) => void> = [foundationSuite, senderSuite];
