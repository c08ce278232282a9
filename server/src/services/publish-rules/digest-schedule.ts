/**
 * When a digest is due: the next instant after a given one at `HH:mm` wall-clock time in an IANA
 * zone, on the schedule's day. Pure, computed with Intl so daylight saving moves nothing: a weekly
 * digest at 09:00 Paris stays at 09:00 Paris across the change. A wall time that does not exist
 * (inside a spring-forward gap) lands one offset later, as a clock that jumps would show it.
 * See docs/architecture.md, "Publish rules".
 */
import type { DigestSchedule } from '../../contracts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time in the zone at an instant. */
export function wallTime(at: Date, timeZone: string): WallTime & { second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallTime(new Date(ms), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time in the zone stands for. */
export function zonedInstant(wall: WallTime, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = guess - offsetAt(guess, timeZone);
  // The offset at the guess may differ from the one at the answer when a change lies between them.
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
const isoWeekday = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;

function isScheduleDay(schedule: DigestSchedule, year: number, month: number, day: number): boolean {
  if (schedule.frequency === 'weekly') return isoWeekday(year, month, day) === (schedule.weekday ?? 1);
  if (schedule.frequency === 'monthly') return day === (schedule.dayOfMonth ?? 1);
  return true;
}

/** The first due time strictly after `after`. */
export function nextDigestAt(schedule: DigestSchedule, after: Date): Date {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const today = wallTime(after, schedule.timezone);
  // A month holds every day of month 1…28, so 32 days always reach the next issue.
  for (let offset = 0; offset <= 32; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!isScheduleDay(schedule, year, month, day)) continue;
    const due = zonedInstant({ year, month, day, hour, minute }, schedule.timezone);
    if (due.getTime() > after.getTime()) return due;
  }
  throw new Error(`No digest date found after ${after.toISOString()}`);
}
