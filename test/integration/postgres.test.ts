import { describeDatabase, SUITE_ENV } from './suites/context';
import { DATABASE_SUITES } from './suites';

await describeDatabase('postgres', DATABASE_SUITES, { env: SUITE_ENV });
