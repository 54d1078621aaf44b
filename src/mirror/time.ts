/** Durations and dates as people type them: `7d`, `24h`, `30m`, `2w`, `2026-01-01`, RFC 3339. */
import { MirrorInputError } from './errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** `7d` → milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[(match[2] as string).toLowerCase()] as number);
}

/** A duration option (`maxAge`: `24h`) in milliseconds; anything else is an error naming the option. */
export function parseDurationOption(text: string, flag: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new MirrorInputError(
      `${flag} ${JSON.stringify(text)} is not a duration: use a number and a unit, e.g. 30m, 24h, 7d or 2w`,
    );
  }
  return ms;
}

/**
 * `--since`: a duration back from now (`7d`), a UTC date (`2026-01-01`, from midnight) or an RFC
 * 3339 time (no zone means UTC). Returns an ISO timestamp, comparable with the mirror's columns.
 */
export function parseSince(text: string, now: Date = new Date(), flag = '`since`'): string {
  const value = text.trim();
  const duration = parseDuration(value);
  let ms: number | undefined;
  if (duration !== undefined) ms = now.getTime() - duration;
  else if (DATE_ONLY.test(value)) ms = Date.parse(`${value}T00:00:00Z`);
  else if (DATE_TIME.test(value)) {
    const iso = value.replace(' ', 'T');
    ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  }
  if (ms === undefined || Number.isNaN(ms)) {
    throw new MirrorInputError(
      `${flag} ${JSON.stringify(text)} is neither a duration nor a date: use e.g. 24h, 7d or 2w, a UTC date such as 2026-01-01, or a time such as 2026-01-01T09:00:00Z`,
    );
  }
  if (ms > now.getTime()) {
    throw new MirrorInputError(
      `${flag} ${JSON.stringify(text)} is in the future (now is ${now.toISOString()})`,
    );
  }
  return new Date(ms).toISOString();
}

/** `3 days`, `5 hours`, `12 seconds`: how long ago, for the stale-mirror warning. */
export function describeAge(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const count = Math.floor(ms / size);
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return 'less than a second';
}
