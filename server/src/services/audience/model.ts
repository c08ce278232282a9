import { UID } from '../../utils/plugin';
import { TABLES } from '../../database/tables';

/** UIDs and tables of the audience side, including the types this area adds. */
export const AUDIENCE_UID = {
  subscriber: UID.subscriber,
  list: UID.list,
  form: UID.form,
  event: 'plugin::email-campaigns.subscriber-event',
  suppression: 'plugin::email-campaigns.suppression',
  importJob: 'plugin::email-campaigns.import-job',
} as const;

export const AUDIENCE_TABLES = {
  subscribers: TABLES.subscribers,
  lists: TABLES.lists,
  subscriberLists: TABLES.subscriberLists,
  deliveries: TABLES.deliveries,
  forms: 'email_campaigns_forms',
  formLists: 'email_campaigns_forms_lists_lnk',
  events: 'email_campaigns_subscriber_events',
  suppressions: 'email_campaigns_suppressions',
} as const;

/** True when a database refused a row because of a unique index, whatever the driver. */
export function isUniqueViolation(error: any): boolean {
  const code = String(error?.code ?? '');
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    /unique constraint|duplicate entry/i.test(String(error?.message))
  );
}
