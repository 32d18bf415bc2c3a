import { detectSort, type Positioned, type SortOrder } from './cursor';

// Walks a limit/offset list whose sort order Leeloo does not document (E10 orders, E04 messages)
// to collect every record at or above a floor time, without reading the whole history. Pure apart
// from the injected `fetch`: no n8n, no clock.
//
// Positions are counted from the oldest record (asc: the offset; desc: totalCount - 1 - offset),
// because new records only push the newest end, so a position stays valid between polls.

export interface ListPage<T> {
	records: T[];
	totalCount?: number;
}

export type PageFetcher<T> = (offset: number) => Promise<ListPage<T>>;

export interface WindowOptions<T> {
	fetch: PageFetcher<T>;
	pageSize: number;
	timeOf: (record: T) => number | undefined;
	/** The lowest time wanted, given the newest time read so far (null: everything). */
	floor: (newest: number | undefined) => number | null;
	/** Order detected on an earlier poll; a full page that shows the other order wins. */
	sort?: SortOrder;
	/** Position of a record older than the floor, from an earlier poll. */
	anchor?: number;
	/**
	 * Whether time allows another page (within `share` of the poll's time); without it the list is
	 * read to the end.
	 */
	more?: (share?: number) => boolean;
	/** The cursor: a chunk (when time is short) must hold a record newer than this to make progress. */
	after?: number | null;
	/** Identity of a record, to check that two pages touch; defaults to its JSON. */
	idOf?: (record: T) => unknown;
}

export interface WindowRead<T> {
	read: Array<Positioned<T>>;
	/** Every record at or above the floor was read. */
	complete: boolean;
	/** When not complete: every record with a time in [floor, upTo] was read. */
	upTo?: number;
	sort?: SortOrder;
}

interface Fetched<T> {
	offset: number;
	records: T[];
	times: Array<number | undefined>;
	total?: number;
}

// Bounds the search for the window's oldest page when a backlog is read in chunks.
const MAX_LOCATE_STEPS = 10;

function maxOf(times: Array<number | undefined>): number | undefined {
	let max: number | undefined;
	for (const time of times) if (time !== undefined && (max === undefined || time > max)) max = time;
	return max;
}

class WindowReader<T> {
	private readonly read: Array<Positioned<T>> = [];
	private newest: number | undefined;

	constructor(private readonly options: WindowOptions<T>) {}

	private get size(): number {
		return this.options.pageSize;
	}

	private floor(): number | null {
		return this.options.floor(this.newest);
	}

	private more(share?: number): boolean {
		return this.options.more ? this.options.more(share) : true;
	}

	private async page(offset: number): Promise<Fetched<T>> {
		const { records, totalCount } = await this.options.fetch(offset);
		const times = records.map((record) => this.options.timeOf(record));
		const newest = maxOf(times);
		if (newest !== undefined && (this.newest === undefined || newest > this.newest)) this.newest = newest;
		return { offset, records, times, total: totalCount };
	}

	private keep(page: Fetched<T>, sort: SortOrder | undefined): void {
		page.records.forEach((record, i) => {
			let pos: number | undefined;
			if (sort === 'asc') pos = page.offset + i;
			else if (sort === 'desc' && page.total !== undefined) pos = page.total - 1 - page.offset - i;
			this.read.push({ record, time: page.times[i], pos });
		});
	}

	private hasBelow(page: Fetched<T>): boolean {
		const floor = this.floor();
		return floor !== null && page.times.some((time) => time !== undefined && time < floor);
	}

	private hasNew(page: Fetched<T>): boolean {
		const floor = this.floor();
		return page.times.some((time) => time !== undefined && (floor === null || time >= floor));
	}

	/** Whether the page holds a record newer than the cursor, i.e. one not processed yet. */
	private advances(page: Fetched<T>): boolean {
		const { after } = this.options;
		if (after === undefined || after === null) return this.hasNew(page);
		return page.times.some((time) => time !== undefined && time > after);
	}

	private idOf(record: T): unknown {
		return this.options.idOf ? this.options.idOf(record) : JSON.stringify(record);
	}

	private isLast(page: Fetched<T>): boolean {
		return (
			page.records.length < this.size ||
			(page.total !== undefined && page.offset + page.records.length >= page.total)
		);
	}

	/** A full page whose first and last times disagree with the order being followed. */
	private contradicts(page: Fetched<T>, sort: SortOrder): boolean {
		if (page.records.length < this.size) return false;
		const seen = detectSort(page.times);
		return seen !== undefined && seen !== sort;
	}

	private result(complete: boolean, sort: SortOrder | undefined, upTo?: number): WindowRead<T> {
		return { read: this.read, complete, sort, ...(complete ? {} : { upTo }) };
	}

	async run(): Promise<WindowRead<T>> {
		const { sort, anchor } = this.options;
		if (sort === 'asc' && anchor !== undefined) return await this.ascending(anchor);
		const first = await this.page(0);
		const shown = detectSort(first.times);
		if (this.isLast(first)) {
			this.keep(first, shown ?? sort);
			return this.result(true, shown ?? sort);
		}
		const order = shown ?? sort;
		if (order === 'desc') return await this.descending(first);
		if (order === 'asc' && first.total !== undefined) {
			this.keep(first, 'asc');
			return await this.ascending(Math.max(0, first.total - this.size));
		}
		// Order unknown (a full page of equal times) or oldest-first without a total: read it all.
		return await this.forward(first, order);
	}

	/** Every page from the start; used only when the order cannot be relied on. */
	private async forward(first: Fetched<T> | undefined, sort: SortOrder | undefined): Promise<WindowRead<T>> {
		let page = first ?? (await this.page(0));
		for (;;) {
			this.keep(page, sort);
			if (this.isLast(page)) return this.result(true, sort);
			page = await this.page(page.offset + page.records.length);
		}
	}

	/** The list changed its order under us: forget what was read and read it all once. */
	private async restart(): Promise<WindowRead<T>> {
		this.read.length = 0;
		return await this.forward(undefined, undefined);
	}

	/** Oldest first: start below the floor, then read towards the newest end. */
	private async ascending(start: number): Promise<WindowRead<T>> {
		let top = await this.page(start);
		if (!top.records.length && start > 0) {
			// Fewer records than the anchor says (some were deleted): start from the last page.
			top = await this.page(top.total !== undefined ? Math.max(0, Math.min(start, top.total) - this.size) : 0);
		}
		if (this.contradicts(top, 'asc')) return await this.restart();
		this.keep(top, 'asc');
		// Step back (pages overlap by one record) until a page reaches below the floor.
		let base = top;
		while (base.offset > 0 && !this.hasBelow(base)) {
			base = await this.page(Math.max(0, base.offset - (this.size - 1)));
			if (this.contradicts(base, 'asc')) return await this.restart();
			this.keep(base, 'asc');
		}
		while (!this.isLast(top)) {
			// Stop early only once a record newer than the cursor was read, so each poll moves it.
			if (this.advances(top) && !this.more()) return this.result(false, 'asc', maxOf(top.times));
			top = await this.page(top.offset + top.records.length);
			if (this.contradicts(top, 'asc')) return await this.restart();
			this.keep(top, 'asc');
		}
		return this.result(true, 'asc');
	}

	/** Newest first: read until a page reaches below the floor. */
	private async descending(first: Fetched<T>): Promise<WindowRead<T>> {
		this.keep(first, 'desc');
		let page = first;
		let chunked = false;
		for (;;) {
			if (this.hasBelow(page) || this.isLast(page)) return this.result(true, 'desc');
			// Half the time is kept for the chunk, which is read from the other end of the backlog.
			if (!chunked && !this.more(0.5)) {
				chunked = true;
				const chunk = await this.oldestChunk(page.total);
				if (chunk) return chunk;
			}
			const next = await this.page(page.offset + page.records.length);
			if (this.contradicts(next, 'desc')) return await this.restart();
			this.keep(next, 'desc');
			page = next;
		}
	}

	/**
	 * Time is short and the backlog is long: read from the page where the window begins (found from
	 * the anchor) towards newer pages until a record newer than the cursor was read, so the oldest
	 * new records can be emitted now and the rest on later polls. Undefined when the pages cannot
	 * be lined up; the caller then reads on.
	 */
	private async oldestChunk(total: number | undefined): Promise<WindowRead<T> | undefined> {
		const { anchor } = this.options;
		if (anchor === undefined || total === undefined) return undefined;
		let offset = Math.max(0, total - anchor - this.size);
		let page: Fetched<T> | undefined;
		for (let step = 0; step < MAX_LOCATE_STEPS && !page; step++) {
			const candidate = await this.page(offset);
			if (this.contradicts(candidate, 'desc')) return await this.restart();
			this.keep(candidate, 'desc');
			const reachesBelow = this.hasBelow(candidate) || this.isLast(candidate);
			if (reachesBelow && (offset === 0 || this.hasNew(candidate))) page = candidate;
			else offset = reachesBelow ? Math.max(0, offset - (this.size - 1)) : offset + this.size - 1;
		}
		if (!page) return undefined;
		while (!this.advances(page)) {
			if (page.offset === 0) return this.result(true, 'desc');
			// Pages overlap by one record; if they do not touch, records moved meanwhile: read on.
			const newest = this.idOf(page.records[0]);
			const next = await this.page(Math.max(0, page.offset - (this.size - 1)));
			if (this.contradicts(next, 'desc')) return await this.restart();
			this.keep(next, 'desc');
			if (!next.records.some((record) => this.idOf(record) === newest)) return undefined;
			page = next;
		}
		// Read on towards the newest while time allows, so that a long backlog takes fewer polls;
		// stop at a page that does not touch the previous one (records moved meanwhile).
		while (page.offset > 0 && this.more()) {
			const newest = this.idOf(page.records[0]);
			const next = await this.page(Math.max(0, page.offset - (this.size - 1)));
			if (this.contradicts(next, 'desc')) return await this.restart();
			if (!next.records.some((record) => this.idOf(record) === newest)) break;
			this.keep(next, 'desc');
			page = next;
		}
		return page.offset === 0 ? this.result(true, 'desc') : this.result(false, 'desc', maxOf(page.times));
	}
}

/** Reads every record at or above the floor (or, when time is short, the oldest part of them). */
export async function readWindow<T>(options: WindowOptions<T>): Promise<WindowRead<T>> {
	return await new WindowReader(options).run();
}

/**
 * Reads a list page by page to its end. `more` is asked before each page after the first;
 * `complete` says whether the end was reached.
 */
export async function readAll<T>(
	fetch: PageFetcher<T>,
	pageSize: number,
	more: (read: T[]) => boolean = () => true,
): Promise<{ records: T[]; complete: boolean }> {
	const records: T[] = [];
	let offset = 0;
	for (;;) {
		const page = await fetch(offset);
		records.push(...page.records);
		offset += page.records.length;
		if (page.records.length < pageSize || (page.totalCount !== undefined && offset >= page.totalCount)) {
			return { records, complete: true };
		}
		if (!more(records)) return { records, complete: false };
	}
}
