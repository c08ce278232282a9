import { describeDatabase } from './suites/context';
import { foundationSuite } from './suites/foundation';

await describeDatabase('postgres', [foundationSuite], {
  env: { SMTP_USER: 'smtp-user', SMTP_PASS: 'smtp-secret-password' },
});
