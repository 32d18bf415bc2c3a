import type { IDataObject } from 'n8n-workflow';
import { simplifyMessage, simplifyOrder } from '../shared/response/vocabulary';
import {
	WINDOW_MS,
	baseline,
	dayStart,
	collect,
	entriesOf,
	fingerprint,
	floorOf,
	newestOf,
	nextAnchor,
	settle,
	timeOf,
	utcDay,
	type CursorState,
	type Entry,
	type Positioned,
	type SortOrder,
	type TriggerEvent,
} from './cursor';
import { readAll, readWindow, type ListPage, type WindowRead } from './reader';

// What each event reads and emits: new orders from E10; new messages from E06 (channels with
// recent activity) and E04 (their messages). Requests go through `LeelooLists` (requests.ts).

export interface LeelooLists {
	pageSize: number;
	orders(offset: number): Promise<ListPage<IDataObject>>;
	channels(offset: number, fromDay?: string): Promise<ListPage<IDataObject>>;
	messages(channelId: string, offset: number): Promise<ListPage<IDataObject>>;
	/** Whether the poll may send another request within `share` (default all) of its time budget. */
	more(share?: number): boolean;
	/** Under a time budget: the UTC day from which the baseline lists channels (see requests.ts). */
	recentDay?: string;
}

export interface PollOutcome {
	state: CursorState;
	items: IDataObject[];
}

/**
 * Items as the node's version shows them: version 1.1 follows the package's output vocabulary
 * (camelCase ids, NOT_DEFINED as null); version 1 keeps Leeloo's records as they were.
 */
export function itemsFor(version: number, event: TriggerEvent, records: IDataObject[]): IDataObject[] {
	if (version < 1.1) return records;
	return records.map(event === 'newOrder' ? simplifyOrder : simplifyMessage);
}

const createdTime = (record: IDataObject) => timeOf(record.createdAt ?? record.created_at);

/** The baseline and the manual sample look at the newest records: the window below the newest time. */
const belowNewest = (newest: number | undefined) => (newest === undefined ? null : newest - WINDOW_MS);

function withListPosition(state: CursorState, read: WindowRead<IDataObject>, previous?: number): CursorState {
	const next: CursorState = { ...state };
	delete next.sort;
	delete next.anchor;
	if (read.sort) next.sort = read.sort;
	// An anchor from another order (the list changed its order) would point at the wrong end.
	const anchor = nextAnchor(read.read, floorOf(next), read.sort === state.sort ? previous : undefined);
	if (anchor !== undefined) next.anchor = anchor;
	return next;
}

// ---- New order (E10) ----

function readOrders(api: LeelooLists, floor: (newest: number | undefined) => number | null, state?: CursorState) {
	return readWindow<IDataObject>({
		fetch: async (offset) => await api.orders(offset),
		pageSize: api.pageSize,
		timeOf: createdTime,
		floor,
		sort: state?.sort,
		anchor: state?.anchor,
		more: state ? (share) => api.more(share) : undefined,
		after: state?.hw,
		idOf: (order) => order.id ?? JSON.stringify(order),
	});
}

export async function sampleOrder(api: LeelooLists): Promise<IDataObject | undefined> {
	const read = await readOrders(api, belowNewest);
	return newestOf(entriesOf(read.read))?.record;
}

export async function baselineOrders(api: LeelooLists): Promise<CursorState> {
	const read = await readOrders(api, belowNewest);
	return withListPosition(baseline('newOrder', entriesOf(read.read)), read);
}

export async function pollOrders(api: LeelooLists, state: CursorState): Promise<PollOutcome> {
	const floor = floorOf(state);
	const read = await readOrders(api, () => floor, state);
	const { fresh, state: collected } = collect(state, entriesOf(read.read), read.complete ? undefined : read.upTo);
	return {
		state: withListPosition(settle(collected), read, state.anchor),
		items: fresh.map(({ record }) => record),
	};
}

// ---- New message (E06 + E04) ----

interface Channel {
	id: string;
	personId: unknown;
	/** lastMessageTime; undefined when the channel does not say. */
	time?: number;
	mark: string;
}

function channelsOf(records: IDataObject[]): Channel[] {
	const channels = new Map<string, Channel>();
	for (const record of records) {
		const id = record.id ?? record.account_id;
		if (typeof id !== 'string' || !id) continue;
		channels.set(id, {
			id,
			personId: record.person_id ?? record.personId ?? null,
			time: timeOf(record.lastMessageTime ?? record.last_message_time),
			mark: fingerprint(record),
		});
	}
	return [...channels.values()];
}

/** A message is emitted unless it says it was sent to the person (or outgoing ones are wanted too). */
export function isIncoming(message: IDataObject): boolean {
	const direction = message.direction;
	if (direction === undefined || direction === null || direction === '') return true;
	return String(direction).toUpperCase() === 'INCOMING';
}

async function readMessages(
	api: LeelooLists,
	channel: Channel,
	floor: (newest: number | undefined) => number | null,
	sort: SortOrder | undefined,
): Promise<{ entries: Array<Entry<IDataObject>>; sort?: SortOrder }> {
	const read = await readWindow<IDataObject>({
		fetch: async (offset) => await api.messages(channel.id, offset),
		pageSize: api.pageSize,
		timeOf: createdTime,
		floor,
		sort,
	});
	const withChannel: Array<Positioned<IDataObject>> = read.read.map(({ record, time }) => ({
		record: { ...record, accountId: channel.id, personId: channel.personId } as IDataObject,
		time,
	}));
	return { entries: entriesOf(withChannel), sort: read.sort ?? sort };
}

function newestChannelTime(channels: Channel[]): number | undefined {
	let newest: number | undefined;
	for (const { time } of channels) if (time !== undefined && (newest === undefined || time > newest)) newest = time;
	return newest;
}

export async function sampleMessage(api: LeelooLists, includeOutgoing: boolean): Promise<IDataObject | undefined> {
	const { records } = await readAll((offset) => api.channels(offset), api.pageSize);
	const channels = channelsOf(records);
	const newest = newestChannelTime(channels);
	const channel = channels.find(({ time }) => time === newest) ?? channels[0];
	if (!channel) return undefined;
	const { entries } = await readMessages(api, channel, belowNewest, undefined);
	const wanted = entries.filter(({ record }) => includeOutgoing || isIncoming(record));
	// Any message shows the item's shape when none of the latest ones would be emitted.
	return (newestOf(wanted) ?? newestOf(entries))?.record;
}

export async function baselineMessages(api: LeelooLists): Promise<CursorState> {
	const { recentDay } = api;
	const { records } = await readAll((offset) => api.channels(offset, recentDay), api.pageSize);
	const channels = channelsOf(records);
	// No channel active since recentDay: nothing at or after its midnight exists, so the window
	// can start there.
	const newest = newestChannelTime(channels) ?? (recentDay ? dayStart(recentDay) + WINDOW_MS : undefined);
	const floor = newest === undefined ? null : newest - WINDOW_MS;
	const entries: Array<Entry<IDataObject>> = [];
	const marks: Record<string, [number, string]> = {};
	let sort: SortOrder | undefined;
	for (const channel of channels) {
		if (channel.time !== undefined && floor !== null && channel.time < floor) continue;
		// A channel that does not say when it was last active is read back from its own newest message.
		const read = await readMessages(api, channel, channel.time === undefined ? belowNewest : () => floor, sort);
		sort = read.sort;
		entries.push(...read.entries);
		if (channel.time !== undefined) marks[channel.id] = [channel.time, channel.mark];
	}
	const state = baseline('newMessage', entries, newest ?? null);
	return settle({ ...state, channels: marks, ...(sort ? { sort } : {}) });
}

export async function pollMessages(
	api: LeelooLists,
	state: CursorState,
	includeOutgoing: boolean,
): Promise<PollOutcome> {
	const floor = floorOf(state);
	const marks = { ...(state.channels ?? {}) };
	// A channel needs reading when it was active at or above the floor and its record changed
	// since it was last read (or it does not say when it was active).
	const needsReading = (channel: Channel) =>
		channel.time === undefined ||
		((floor === null || channel.time >= floor) && marks[channel.id]?.[1] !== channel.mark);
	const listed = await readAll(
		(offset) => api.channels(offset, floor === null ? undefined : utcDay(floor)),
		api.pageSize,
		// Short of time, stop listing once there is something to read, so every poll progresses.
		(records) => api.more() || !channelsOf(records).some(needsReading),
	);
	const pending = channelsOf(listed.records)
		.filter(needsReading)
		.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity));

	let sort = state.sort;
	const entries: Array<Entry<IDataObject>> = [];
	let done = 0;
	for (const channel of pending) {
		if (done > 0 && !api.more()) break;
		const read = await readMessages(api, channel, () => floor, sort);
		sort = read.sort;
		entries.push(...read.entries);
		if (channel.time !== undefined) marks[channel.id] = [channel.time, channel.mark];
		done++;
	}

	const { fresh, state: collected } = collect({ ...state, channels: marks }, entries);
	if (sort) collected.sort = sort;
	// The cursor moves only when every channel was read; a partial poll is carried by the channel
	// marks and the remembered ids, so the next poll reads the remaining channels.
	const complete = listed.complete && done === pending.length;
	return {
		state: complete ? settle(collected) : collected,
		items: fresh.map(({ record }) => record).filter((message) => includeOutgoing || isIncoming(message)),
	};
}
