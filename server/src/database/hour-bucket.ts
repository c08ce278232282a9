/**
 * Grouping rows by UTC hour where they are (docs/architecture.md, "Data model"): the sends per hour
 * of a report and the engagement timeline ("Engagement") group in SQL, so a campaign of millions of
 * rows sends back one row per hour.
 */
import { toDate, type Dialect } from './connection';

const HOUR_MS = 3_600_000;

/**
 * The SQL expression of a datetime column's hour. SQLite keeps datetimes as epoch milliseconds and
 * PostgreSQL's timestamptz gives an exact epoch. MySQL's datetime carries no zone: grouping by its
 * wall-clock hour and labelling each group by its earliest row (which the driver reads back as a
 * proper instant, see `hourStart`) stays right whatever zone the driver writes in.
 */
export function hourBucket(dialect: Dialect, column: string): string {
  switch (dialect) {
    case 'sqlite':
      return `CAST(${column} / ${HOUR_MS} AS INTEGER)`;
    case 'postgres':
      return `FLOOR(EXTRACT(EPOCH FROM ${column}) / 3600)`;
    default:
      return `DATE_FORMAT(${column}, '%Y-%m-%d %H')`;
  }
}

/** The start of the UTC hour of a group's earliest datetime, as read back by the driver, in epoch ms. */
export function hourStart(earliest: unknown): number {
  return Math.floor((toDate(earliest) as Date).getTime() / HOUR_MS) * HOUR_MS;
}
