import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { listOf } from '../../shared/api/envelopes';
import { leelooApiRequest, leelooPage, MAX_PAGE_SIZE } from '../../shared/api/transport';

// "From List" modes of the resource locators and the option lists of multi-select fields.
//
// Leeloo filters lists by exact phone or email at most (E13), so a typed name is matched here,
// against the labels. n8n's editor asks for more only when the user scrolls, and never while a
// search text is set and the list is too short to scroll; so one call reads ahead, page after
// page, until it has a screenful of matches, the list ends, or a page or time bound is reached.
// The pagination token is the position after the last page read (an offset, or a category for
// templates): the next call continues there, so nothing is skipped or shown twice.

export const READ_AHEAD = {
	/** Matches that fill the dropdown with room to scroll (n8n then asks for more). */
	matches: 30,
	/** At most this many pages (E13: 100 people each) per call: Leeloo rate-limits. */
	pages: 10,
	/** No page is started after this long (ms), so the editor answers in time. */
	ms: 5000,
};

type Namer = (record: IDataObject) => string;

interface Chunk {
	results: INodeListSearchItems[];
	/** Where the next chunk starts; undefined at the end of the list. */
	next?: number;
}

const text = (value: unknown) => (typeof value === 'string' && value !== 'NOT_DEFINED' ? value.trim() : '');

const joined = (...parts: string[]) => parts.filter(Boolean).join(' · ');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function utcDate(value: unknown): Date | undefined {
	const date = new Date(text(value));
	return text(value) && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** "3 Mar 2025", the UTC day: labels are saved with the workflow, so they never depend on its timezone. */
export function shortDate(value: unknown): string {
	const date = utcDate(value);
	return date ? `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` : '';
}

/** "3 Mar 2025 14:05 UTC" */
export function shortDateTime(value: unknown): string {
	const date = utcDate(value);
	if (!date) return '';
	const two = (n: number) => String(n).padStart(2, '0');
	return `${shortDate(value)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

// Leeloo's messenger codes (docs/leeloo-api.md#e06) as people write them; others in sentence case.
const MESSENGERS: Record<string, string> = {
	FACEBOOK: 'Facebook',
	INSTAGRAM: 'Instagram',
	MANUAL: 'Manual',
	SMS: 'SMS',
	TELEGRAM: 'Telegram',
	VIBER: 'Viber',
	WHATSAPP: 'WhatsApp',
};

export function messengerName(value: unknown): string {
	const code = text(value);
	if (!code) return '';
	const known = MESSENGERS[code.toUpperCase()];
	if (known) return known;
	const words = code.replace(/_+/g, ' ').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Lower case without accents ("Müller" → "muller"), for a search that ignores both. */
export function folded(value: string): string {
	return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every word of `filter` is somewhere in `label`, in any order ("smith whatsapp" finds "John Smith · WhatsApp"). */
export function labelMatches(label: string, filter: string): boolean {
	const words = folded(filter).split(/[\s·,]+/).filter(Boolean);
	const haystack = folded(label);
	return words.every((word) => haystack.includes(word));
}

function toResults(records: IDataObject[], name: Namer, filter?: string): INodeListSearchItems[] {
	const typed = filter?.trim() ?? '';
	return records
		.filter((record) => typeof record.id === 'string')
		.map((record) => ({ name: name(record) || String(record.id), value: String(record.id) }))
		.filter((item) => !typed || labelMatches(item.name, typed) || item.value.toLowerCase() === typed.toLowerCase());
}

/**
 * Reads chunks from `start` until READ_AHEAD is met. A failure after some matches were found ends
 * the call with those matches and a token that retries the failed chunk; otherwise it is thrown.
 */
async function readAhead(start: number, read: (position: number) => Promise<Chunk>): Promise<INodeListSearchResult> {
	const started = Date.now();
	const results: INodeListSearchItems[] = [];
	let position: number | undefined = start;
	for (let pages = 0; position !== undefined; ) {
		// Until something was found a failure is the answer (n8n shows its message).
		const chunk: Chunk | undefined = results.length ? await read(position).catch(() => undefined) : await read(position);
		if (!chunk) break;
		results.push(...chunk.results);
		position = chunk.next;
		pages++;
		if (results.length >= READ_AHEAD.matches || pages >= READ_AHEAD.pages || Date.now() - started >= READ_AHEAD.ms) break;
	}
	return { results, paginationToken: position === undefined ? undefined : String(position) };
}

function searchPaged(path: string, label: Namer, queryFor: (filter?: string) => IDataObject = () => ({})) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const query = queryFor(filter);
		// A filter Leeloo applies (E13 phone or email) is not matched again against the labels.
		const localFilter = Object.keys(query).length ? undefined : filter;
		return await readAhead(Number(paginationToken) || 0, async (offset) => {
			const { records, totalCount } = await leelooPage.call(this, path, offset, MAX_PAGE_SIZE, query);
			const next = offset + records.length;
			const more = records.length === MAX_PAGE_SIZE && (totalCount === undefined || next < totalCount);
			return { results: toResults(records, label, localFilter), next: more ? next : undefined };
		});
	};
}

function searchWhole(path: string, name: Namer) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const body = (await leelooApiRequest.call(this, 'GET', path)) as IDataObject;
		return { results: toResults(listOf(body?.data), name, filter) };
	};
}

// Labels: the record's name and what tells records of the same name apart. n8n saves the chosen
// label with the workflow (the locator's cachedResultName) and shows it from then on, so a label
// holds nothing that changes (no last-message time, status or price), and the distinguishing part
// comes early: the dropdown is as wide as the parameter and cuts longer labels off.

/** "Andrii Smith · WhatsApp · 2 Nov 2025" (the day the channel was added; E06 has no phone or email). */
const channelLabel: Namer = (c) => joined(text(c.name), messengerName(c.from), shortDate(c.createdAt ?? c.created_at));

/** "Feliks · +380966565556", else the email, else the day the person was added. */
const personLabel: Namer = (p) => {
	const contact = text(p.phone) || text(p.email);
	const added = shortDate(p.createdAt ?? p.created_at);
	return joined(text(p.name), contact || (added && `added ${added}`));
};

/** "Course · 13 Jan 2026 08:21 UTC" (when the order was made). */
const orderLabel: Namer = (o) => joined(text(o.title) || String(o.id), shortDateTime(o.createdAt ?? o.created_at));

/** "Manager Max · max@example.com" */
const userLabel: Namer = (u) => joined(text(u.name), text(u.email));

const tunnelLabel: Namer = (t) => text(t.name);

// E13 filters by exact phone or email; any other text is matched against the labels.
function peopleQuery(filter?: string): IDataObject {
	const value = filter?.trim();
	if (!value) return {};
	if (value.includes('@')) return { 'filter[email]': value };
	if (/^\+?[\d\s()-]{5,}$/.test(value)) return { 'filter[phone]': value.replace(/[\s()-]/g, '') };
	return {};
}

export const listSearch = {
	searchCategories: searchWhole('/categories/templates', (c) => text(c.name)),
	searchChannels: searchPaged('/communication-channels', channelLabel),
	searchOrders: searchPaged('/orders', orderLabel),
	searchPeople: searchPaged('/people', personLabel, peopleQuery),
	searchTags: searchWhole('/tags', (t) => text(t.name)),
	searchTunnels: searchPaged('/tunnels', tunnelLabel),
	searchUsers: searchPaged('/users', userLabel),

	// E03 takes any template: walk the categories (E01), one category (E02) per chunk.
	async searchTemplates(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const categories = listOf(((await leelooApiRequest.call(this, 'GET', '/categories/templates')) as IDataObject)?.data);
		const start = Number(paginationToken) || 0;
		if (!categories[start]) return { results: [] };
		return await readAhead(start, async (index) => {
			const category = categories[index];
			const body = (await leelooApiRequest.call(this, 'GET', `/categories/templates/${String(category.id)}`)) as IDataObject;
			const results = toResults(
				listOf(body?.data),
				(t) => `${text(t.message_name) || text(t.name)} (${text(category.name)})`,
				filter,
			);
			return { results, next: index + 1 < categories.length ? index + 1 : undefined };
		});
	},
};

async function allRecords(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let offset = 0; ; ) {
		const page = await leelooPage.call(ctx, path, offset);
		records.push(...page.records);
		offset += page.records.length;
		if (page.records.length < MAX_PAGE_SIZE || (page.totalCount !== undefined && offset >= page.totalCount)) return records;
	}
}

export const loadOptions = {
	// Leeloo takes tags by name (E13 filter, E16 create).
	async getTagNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const body = (await leelooApiRequest.call(this, 'GET', '/tags')) as IDataObject;
		return listOf(body?.data)
			.map((tag) => text(tag.name))
			.filter(Boolean)
			.map((name) => ({ name, value: name }));
	},
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await allRecords(this, '/users'))
			.filter((user) => typeof user.id === 'string')
			.map((user) => ({ name: userLabel(user) || String(user.id), value: String(user.id) }));
	},
};
