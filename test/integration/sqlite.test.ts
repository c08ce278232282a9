import { describeDatabase, SUITE_ENV } from './suites/context';
import { DATABASE_SUITES } from './suites';

await describeDatabase('sqlite', DATABASE_SUITES, { env: SUITE_ENV });
