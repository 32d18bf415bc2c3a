// nodes/shared/api/dates.ts: workflow-timezone wall time → UTC, and the formats Leeloo takes.
const path = require('node:path');
const { DIST } = require('./helpers/harness');
const { parseToUtc, formatUtc } = require(path.join(DIST, 'nodes/shared/api/dates.js'));

const utc = (value, zone) => parseToUtc(value, zone)?.toISOString();

describe('parseToUtc', () => {
	test.each([
		['2024-03-22T15:30:17', 'UTC', '2024-03-22T15:30:17.000Z'],
		['2024-03-22T15:30:17', 'Europe/Berlin', '2024-03-22T14:30:17.000Z'],
		['2024-07-22T15:30:17', 'Europe/Berlin', '2024-07-22T13:30:17.000Z'],
		['2024-07-22T15:30', 'America/New_York', '2024-07-22T19:30:00.000Z'],
		['2024-03-22T15:30:17.339', 'Asia/Kolkata', '2024-03-22T10:00:17.339Z'],
		['2024-03-22', 'Asia/Tokyo', '2024-03-21T15:00:00.000Z'],
		['2024-03-22 07:32', 'Europe/Moscow', '2024-03-22T04:32:00.000Z'],
	])('%s in %s is %s', (value, zone, expected) => {
		expect(utc(value, zone)).toBe(expected);
	});

	test('an explicit offset or Z wins over the workflow timezone', () => {
		expect(utc('2024-03-22T15:30:17Z', 'Europe/Berlin')).toBe('2024-03-22T15:30:17.000Z');
		expect(utc('2024-03-22T15:30:17+03:00', 'Europe/Berlin')).toBe('2024-03-22T12:30:17.000Z');
		expect(utc('2024-03-22T15:30:17.5-0130', 'UTC')).toBe('2024-03-22T17:00:17.500Z');
	});

	test('the hours around a DST change resolve to the zone offset in force', () => {
		// Berlin switched to summer time at 2024-03-31 02:00 local.
		expect(utc('2024-03-31T01:30:00', 'Europe/Berlin')).toBe('2024-03-31T00:30:00.000Z');
		expect(utc('2024-03-31T03:30:00', 'Europe/Berlin')).toBe('2024-03-31T01:30:00.000Z');
		// Back to winter time at 2024-10-27 03:00 local.
		expect(utc('2024-10-27T04:00:00', 'Europe/Berlin')).toBe('2024-10-27T03:00:00.000Z');
	});

	test('Date objects and luxon-like DateTimes are taken as instants', () => {
		expect(utc(new Date('2024-03-22T15:30:17Z'), 'Europe/Berlin')).toBe('2024-03-22T15:30:17.000Z');
		expect(utc({ toISO: () => '2024-03-22T15:30:17.000+01:00' }, 'UTC')).toBe('2024-03-22T14:30:17.000Z');
	});

	test.each(['2024-02-30T10:00:00', '2023-02-29', '2024-13-01', '2024-03-22T25:00', '2024-03-22T10:60', 'yesterday', '', '22.03.2024', 42, null])(
		'%p is refused',
		(value) => {
			expect(parseToUtc(value, 'UTC')).toBeUndefined();
		},
	);
});

describe('formatUtc', () => {
	const instant = new Date('2024-03-22T04:05:06.789Z');
	test('iso, minute and day', () => {
		expect(formatUtc(instant, 'iso')).toBe('2024-03-22T04:05:06.789Z');
		expect(formatUtc(instant, 'minute')).toBe('2024-03-22 04:05');
		expect(formatUtc(instant, 'day')).toBe('2024-03-22');
	});
});
