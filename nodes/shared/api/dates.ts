// Pure date handling: n8n hands dateTime parameters over as wall-clock text in the workflow's
// timezone (no offset); Leeloo wants UTC. No luxon here: the package may not have runtime deps.

export type LeelooDateFormat = 'iso' | 'minute' | 'day';

const DATE_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The wall-clock fields of an instant in `timeZone` (a RangeError for a zone Intl does not know). */
export function wallClock(epochMs: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function offsetMinutesAt(epochMs: number, timeZone: string): number {
	const { year, month, day, hour, minute, second } = wallClock(epochMs, timeZone);
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

function textOf(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	if (typeof value === 'string') return value.trim();
	return undefined;
}

/**
 * Reads a date-time as n8n passes it (text without offset = wall time in `timeZone`; text with
 * `Z` or an offset, a Date or a luxon DateTime = that instant). Returns undefined for anything that
 * is not a real calendar date and time (`2024-02-30`, `25:00`, free text).
 */
export function parseToUtc(value: unknown, timeZone: string): Date | undefined {
	const text = textOf(value);
	if (!text) return undefined;
	const match = DATE_PATTERN.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = match;
	const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
	const ms = Number(frac.padEnd(3, '0').slice(0, 3));
	const wall = Date.UTC(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], ms);
	const check = new Date(wall);
	if (
		check.getUTCFullYear() !== fields[0] ||
		check.getUTCMonth() !== fields[1] ||
		check.getUTCDate() !== fields[2] ||
		check.getUTCHours() !== fields[3] ||
		check.getUTCMinutes() !== fields[4] ||
		check.getUTCSeconds() !== fields[5]
	) {
		return undefined;
	}
	if (zone) {
		if (zone.toUpperCase() === 'Z') return check;
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
		return new Date(wall - offset * 60000);
	}
	// Two passes settle the offset across a DST change.
	let utc = wall - offsetMinutesAt(wall, timeZone) * 60000;
	utc = wall - offsetMinutesAt(utc, timeZone) * 60000;
	return new Date(utc);
}

/** Formats a UTC instant the way an endpoint documents it. */
export function formatUtc(date: Date, format: LeelooDateFormat): string {
	const iso = date.toISOString();
	if (format === 'iso') return iso;
	if (format === 'day') return iso.slice(0, 10);
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
