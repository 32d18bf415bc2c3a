'use strict';
// Validation of bodies and queries. Field problems are collected and answered together:
// malformed → 400 FORMAT_ERROR with error.fields; a well-formed id that does not exist → 404.
const { isId } = require('../data/random');
const { ApiError, formatError } = require('./http');

const DAY = 86400000;

/** ISO date-time (`2020-02-04T11:46:48.803Z`, offsets allowed) or `YYYY-MM-DD HH:mm[:ss]` in UTC. */
function parseDateTime(value) {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	let ms;
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) ms = Date.parse(text);
	else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) ms = Date.parse(`${text.replace(' ', 'T')}Z`);
	if (!Number.isFinite(ms)) return undefined;
	// Date.parse rolls 2024-02-30 over to March; refuse impossible calendar dates.
	const [y, m, d] = text.slice(0, 10).split('-').map(Number);
	const day = new Date(Date.UTC(y, m - 1, d));
	if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return undefined;
	return ms;
}

/** `YYYY-MM-DD` (a date filter) → start of that UTC day in ms. */
function parseDay(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	return parseDateTime(`${value} 00:00`);
}

/** `filter[last_message][from]` / `[to]` → [fromMs, toMsExclusive] or undefined when absent. */
function lastMessageRange(query) {
	const fromKey = 'filter[last_message][from]';
	const toKey = 'filter[last_message][to]';
	if (query[fromKey] === undefined && query[toKey] === undefined) return undefined;
	const fields = {};
	const from = query[fromKey] === undefined ? -Infinity : parseDay(query[fromKey]);
	const to = query[toKey] === undefined ? Infinity : parseDay(query[toKey]);
	if (from === undefined) fields[fromKey] = 'INVALID';
	if (to === undefined) fields[toKey] = 'INVALID';
	if (Object.keys(fields).length) throw formatError(fields);
	return [from, to + DAY];
}

/** limit/offset paging: default limit 20, limit above the maximum is cut to it. */
function readPaging(query, maxPageSize) {
	const fields = {};
	const number = (name, fallback, min) => {
		if (query[name] === undefined || query[name] === '') return fallback;
		const value = Number(query[name]);
		if (!Number.isInteger(value) || value < min) fields[name] = 'INVALID';
		return value;
	};
	const limit = number('limit', 20, 1);
	const offset = number('offset', 0, 0);
	if (Object.keys(fields).length) throw formatError(fields);
	return { limit: Math.min(limit, maxPageSize), offset };
}

/**
 * One page of a list. `total` is the number of matching records, `at(i)` the i-th of them, so
 * large lists are never copied.
 */
function page(query, maxPageSize, total, at, view) {
	const { limit, offset } = readPaging(query, maxPageSize);
	const data = [];
	const end = Math.min(total, offset + limit);
	for (let i = offset; i < end; i++) data.push(view(at(i)));
	return { data, meta: { limit, offset, filteredCount: data.length, totalCount: total } };
}

const pageOf = (query, maxPageSize, list, view) => page(query, maxPageSize, list.length, (i) => list[i], view);
const pageReversed = (query, maxPageSize, list, view) =>
	page(query, maxPageSize, list.length, (i) => list[list.length - 1 - i], view);
/** A list kept oldest first, paged in `sort` order: 'desc' newest first, 'asc' oldest first. */
const pageSorted = (sort, query, maxPageSize, list, view) =>
	(sort === 'asc' ? pageOf : pageReversed)(query, maxPageSize, list, view);

const isBlank = (value) => value === undefined || value === null || value === '';

/** Reads fields of a request body, collecting every problem before answering. */
class BodyReader {
	constructor(body) {
		this.body = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
		this.invalid = {};
		this.missing = {};
	}

	has(name) {
		return !isBlank(this.body[name]);
	}

	text(name, { required = false } = {}) {
		const value = this.body[name];
		if (isBlank(value) || (typeof value === 'string' && !value.trim())) {
			if (required) this.invalid[name] = 'REQUIRED';
			return undefined;
		}
		if (typeof value === 'number') return String(value);
		if (typeof value !== 'string') {
			this.invalid[name] = 'INVALID';
			return undefined;
		}
		return value;
	}

	email(name) {
		const value = this.text(name);
		if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) this.invalid[name] = 'INVALID';
		return value?.trim();
	}

	/** A 24-hex id; with `map`, it must also exist there (else 404). */
	ref(name, map, { required = false } = {}) {
		const value = this.body[name];
		if (isBlank(value)) {
			if (required) this.invalid[name] = 'REQUIRED';
			return undefined;
		}
		if (!isId(value)) {
			this.invalid[name] = 'INVALID';
			return undefined;
		}
		if (!map) return value;
		const record = map.get(value);
		if (!record) this.missing[name] = 'NOT_FOUND';
		return record;
	}

	refList(name, map) {
		const value = this.body[name];
		if (isBlank(value)) return [];
		const list = [].concat(value);
		if (!list.every(isId)) {
			this.invalid[name] = 'INVALID';
			return [];
		}
		const records = list.map((id) => map.get(id));
		if (records.some((r) => !r)) this.missing[name] = 'NOT_FOUND';
		return records.filter(Boolean);
	}

	oneOf(name, values, { required = false } = {}) {
		const value = this.text(name, { required });
		if (value !== undefined && !values.includes(value)) this.invalid[name] = 'INVALID';
		return value;
	}

	number(name, { required = false, min = 0, integer = false } = {}) {
		const value = this.body[name];
		if (isBlank(value)) {
			if (required) this.invalid[name] = 'REQUIRED';
			return undefined;
		}
		const number = typeof value === 'string' && value.trim() ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number) || number < min || (integer && !Number.isInteger(number))) {
			this.invalid[name] = 'INVALID';
			return undefined;
		}
		return number;
	}

	boolean(name) {
		const value = this.body[name];
		if (isBlank(value)) return undefined;
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
		this.invalid[name] = 'INVALID';
		return undefined;
	}

	dateTime(name, { required = false } = {}) {
		const value = this.body[name];
		if (isBlank(value)) {
			if (required) this.invalid[name] = 'REQUIRED';
			return undefined;
		}
		const ms = parseDateTime(value);
		if (ms === undefined) this.invalid[name] = 'INVALID';
		return ms;
	}

	object(name) {
		const value = this.body[name];
		if (isBlank(value)) return undefined;
		if (typeof value !== 'object' || Array.isArray(value)) {
			this.invalid[name] = 'INVALID';
			return undefined;
		}
		return value;
	}

	/** Throws the collected problems: format problems first (400), then unknown ids (404). */
	done() {
		if (Object.keys(this.invalid).length) throw formatError(this.invalid);
		if (Object.keys(this.missing).length) {
			throw new ApiError(404, 'NOT_FOUND', { fields: this.missing, message: 'Referenced record not found' });
		}
	}
}

module.exports = { parseDateTime, lastMessageRange, pageOf, pageReversed, pageSorted, BodyReader };
