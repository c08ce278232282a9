/**
 * `enrolled_at` plus a step's delay as SQL, so due times are set for many enrollments in one
 * UPDATE. SQLite keeps datetimes as epoch milliseconds (docs/architecture.md, "Data model").
 */
import type { Dialect } from '../../database/connection';

export function enrolledPlusMinutesSql(dialect: Dialect): string {
  switch (dialect) {
    case 'sqlite':
      return 'enrolled_at + ? * 60000';
    case 'mysql':
      return 'date_add(enrolled_at, interval ? minute)';
    default:
      return "enrolled_at + (cast(? as integer) * interval '1 minute')";
  }
}
