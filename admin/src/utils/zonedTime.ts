/** The browser's IANA time zone, the default for scheduling. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// Browsers list some zones by their old ICU names; people search for the current ones.
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
};

/** A zone as the picker shows it: with its current name when the browser uses an old one. */
export const zoneLabel = (zone: string) => (CURRENT_NAMES[zone] ? `${CURRENT_NAMES[zone]} (${zone})` : zone);

export const timeZones = (): string[] => {
  const zones =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
};

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of wall-clock `date` (YYYY-MM-DD) and `time` (HH:mm) in `zone`. The offset is
 * taken twice because it may differ on either side of a daylight-saving change.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, zone);
  return new Date(wall - offsetAt(first, zone));
}

/** Wall-clock date and time of `instant` in `zone`, for the schedule fields. */
export function utcToZoned(instant: Date, zone: string): { date: string; time: string } {
  const shifted = new Date(instant.getTime() + offsetAt(instant.getTime(), zone));
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export const formatInZone = (iso: string, zone: string | null | undefined, locale?: string) =>
  new Date(iso).toLocaleString(locale, { timeZone: zone || 'UTC', dateStyle: 'medium', timeStyle: 'short' });
