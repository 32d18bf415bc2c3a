// The trigger's cursor, as pure functions: no requests, no clock. Every time here is a server
// timestamp (ms since epoch) taken from the records Leeloo returned.
//
// Model: `hw` is the newest timestamp processed; the window [hw - 5 min, hw] is read again on
// every poll, and `seen` remembers the keys of the records inside it, so records that share a
// timestamp or show up late (up to 5 minutes older than `hw`) are emitted exactly once. Records
// older than the window are old by definition. The state only holds what lies inside the window.

import { isObject } from '../shared/objects';

export const STATE_VERSION = 1;
export const WINDOW_MS = 5 * 60 * 1000;

export type TriggerEvent = 'newMessage' | 'newOrder';
export type SortOrder = 'asc' | 'desc';

export interface CursorState {
	v: typeof STATE_VERSION;
	event: TriggerEvent;
	/** Newest server timestamp processed; null when nothing existed at the baseline. */
	hw: number | null;
	/** Key → timestamp of each processed record at or above the floor. */
	seen: Record<string, number>;
	/** Sort order detected on the list that is read (E10 for orders, E04 for messages). */
	sort?: SortOrder;
	/** newOrder: position, counted from the oldest order, of an order older than the floor. */
	anchor?: number;
	/** newMessage: channel id → [lastMessageTime, fingerprint of the channel record] at or above the floor. */
	channels?: Record<string, [number, string]>;
}

/** A record with its server time and its identity. */
export interface Entry<T> {
	key: string;
	time: number;
	record: T;
}

/** A record as a list reader returned it, with its position counted from the oldest when known. */
export interface Positioned<T> {
	record: T;
	time?: number;
	pos?: number;
}

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * Milliseconds of an ISO-8601 timestamp (or of a number already in ms); undefined when unreadable.
 * Leeloo gives every date in UTC, so a time without an offset is read as UTC, not as local time.
 */
export function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const wall = WALL_TIME.exec(value.trim());
	const ms = Date.parse(wall ? `${wall[1]}T${wall[2]}Z` : value.trim());
	return Number.isNaN(ms) ? undefined : ms;
}

/** The UTC calendar day of a timestamp, as Leeloo's date filters take it (YYYY-MM-DD). */
export function utcDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC (ms) of a YYYY-MM-DD day. */
export function dayStart(day: string): number {
	return Date.parse(`${day}T00:00:00.000Z`);
}

/** Short, stable fingerprint of a JSON value (FNV-1a, 32 bits). */
export function fingerprint(value: unknown): string {
	const text = JSON.stringify(value) ?? '';
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

/** The record's id; a record without one is identified by its time and content. */
export function keyOf(record: { id?: unknown }, time: number): string {
	const id = record.id;
	if (typeof id === 'string' && id) return id;
	if (typeof id === 'number') return String(id);
	return `${time}:${fingerprint(record)}`;
}

export function floorOf(state: Pick<CursorState, 'hw'>): number | null {
	return state.hw === null ? null : state.hw - WINDOW_MS;
}

/**
 * Order of a page from its first and last timestamps: 'desc' = newest first. Undefined when the
 * page cannot tell (fewer than two timed records, or equal first and last times).
 */
export function detectSort(times: Array<number | undefined>): SortOrder | undefined {
	const known = times.filter((time): time is number => time !== undefined);
	if (known.length < 2) return undefined;
	const first = known[0];
	const last = known[known.length - 1];
	if (first === last) return undefined;
	return first > last ? 'desc' : 'asc';
}

function numberMap(value: unknown): Record<string, number> | undefined {
	if (!isObject(value)) return undefined;
	const out: Record<string, number> = {};
	for (const [key, time] of Object.entries(value)) {
		if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
		out[key] = time;
	}
	return out;
}

function channelMap(value: unknown): Record<string, [number, string]> | undefined {
	if (!isObject(value)) return undefined;
	const out: Record<string, [number, string]> = {};
	for (const [key, mark] of Object.entries(value)) {
		if (!Array.isArray(mark) || typeof mark[0] !== 'number' || typeof mark[1] !== 'string') return undefined;
		out[key] = [mark[0], mark[1]];
	}
	return out;
}

/**
 * Reads stored state back (a copy, never the stored object). Undefined — meaning "take a new
 * baseline" — when there is none, when it is of another version or event, or when it is damaged.
 */
export function restore(raw: unknown, event: TriggerEvent): CursorState | undefined {
	if (!isObject(raw) || raw.v !== STATE_VERSION || raw.event !== event) return undefined;
	const hw = raw.hw === null ? null : typeof raw.hw === 'number' && Number.isFinite(raw.hw) ? raw.hw : undefined;
	const seen = numberMap(raw.seen);
	if (hw === undefined || !seen) return undefined;
	const state: CursorState = { v: STATE_VERSION, event, hw, seen };
	if (raw.sort === 'asc' || raw.sort === 'desc') state.sort = raw.sort;
	if (typeof raw.anchor === 'number' && Number.isInteger(raw.anchor) && raw.anchor >= 0) state.anchor = raw.anchor;
	if (raw.channels !== undefined) {
		const channels = channelMap(raw.channels);
		if (!channels) return undefined;
		state.channels = channels;
	}
	return state;
}

/** Entries of the positioned records that carry a server time (records without one cannot be placed). */
export function entriesOf<T extends { id?: unknown }>(read: Array<Positioned<T>>): Array<Entry<T>> {
	const entries: Array<Entry<T>> = [];
	for (const { record, time } of read) {
		if (time !== undefined) entries.push({ key: keyOf(record, time), time, record });
	}
	return entries;
}

function byTime<T>(a: Entry<T>, b: Entry<T>): number {
	return a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Takes the records not processed yet: at or above the floor, key not seen, and — for a partial
 * read — not newer than `upTo`. Returns them oldest first, and the state that remembers them.
 * `hw` does not move here (see settle).
 */
export function collect<T>(
	state: CursorState,
	entries: Array<Entry<T>>,
	upTo?: number,
): { fresh: Array<Entry<T>>; state: CursorState } {
	const floor = floorOf(state);
	const seen = { ...state.seen };
	const fresh: Array<Entry<T>> = [];
	for (const entry of entries) {
		if (floor !== null && entry.time < floor) continue;
		if (upTo !== undefined && entry.time > upTo) continue;
		if (Object.prototype.hasOwnProperty.call(seen, entry.key)) continue;
		seen[entry.key] = entry.time;
		fresh.push(entry);
	}
	fresh.sort(byTime);
	return { fresh, state: { ...state, seen } };
}

/**
 * Moves `hw` to the newest processed time and forgets what fell below the new floor. Only called
 * once everything up to that time has been read.
 */
export function settle(state: CursorState): CursorState {
	let hw = state.hw;
	for (const time of Object.values(state.seen)) if (hw === null || time > hw) hw = time;
	const next: CursorState = { ...state, hw };
	const floor = floorOf(next);
	if (floor === null) return next;
	next.seen = Object.fromEntries(Object.entries(state.seen).filter(([, time]) => time >= floor));
	if (state.channels) {
		next.channels = Object.fromEntries(Object.entries(state.channels).filter(([, [time]]) => time >= floor));
	}
	return next;
}

/** The state after the first active poll: everything that exists now counts as already seen. */
export function baseline<T>(event: TriggerEvent, entries: Array<Entry<T>>, fallbackHw: number | null = null): CursorState {
	const empty: CursorState = { v: STATE_VERSION, event, hw: entries.length ? null : fallbackHw, seen: {} };
	if (!entries.length) return empty;
	return settle(collect(empty, entries).state);
}

/**
 * Baselines kept apart from the cursor, per trigger node (the workflow's global static data).
 * n8n saves a workflow's static data after activating it in every mode, but with durable cursors
 * (n8n 2.x) the activation poll's own cursor is dropped when it returns nothing: a later poll that
 * finds no cursor adopts the baseline kept here instead of taking a new one, which would count
 * everything that arrived since activation as already seen.
 */
export function anchorOf(anchors: unknown, nodeKey: string, event: TriggerEvent): CursorState | undefined {
	return isObject(anchors) ? restore(anchors[nodeKey], event) : undefined;
}

/** The anchors with this node's baseline replaced (a new object, so that n8n sees the change). */
export function withAnchor(anchors: unknown, nodeKey: string, state: CursorState): Record<string, unknown> {
	return { ...(isObject(anchors) ? anchors : {}), [nodeKey]: state };
}

/** Position of the newest read record older than `floor`: where the next read can start. */
export function nextAnchor<T>(read: Array<Positioned<T>>, floor: number | null, previous?: number): number | undefined {
	if (floor === null) return previous;
	let anchor: number | undefined;
	for (const { time, pos } of read) {
		if (time !== undefined && pos !== undefined && time < floor && (anchor === undefined || pos > anchor)) anchor = pos;
	}
	return anchor ?? previous;
}

/** The newest record (by server time) of a read, or undefined. */
export function newestOf<T>(entries: Array<Entry<T>>): Entry<T> | undefined {
	let newest: Entry<T> | undefined;
	for (const entry of entries) if (!newest || byTime(entry, newest) > 0) newest = entry;
	return newest;
}
