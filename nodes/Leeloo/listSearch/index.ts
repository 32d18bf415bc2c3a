import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { listOf } from '../shared/records';
import { leelooApiRequest, leelooPage, MAX_PAGE_SIZE } from '../shared/transport';

// "From List" modes of the resource locators and the option lists of multi-select fields.
// Paged lists hand n8n the next offset as the pagination token.

type Namer = (record: IDataObject) => string;

const text = (value: unknown) => (typeof value === 'string' && value !== 'NOT_DEFINED' ? value : '');

function toResults(records: IDataObject[], name: Namer, filter?: string): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	return records
		.filter((record) => typeof record.id === 'string')
		.map((record) => ({ name: name(record) || String(record.id), value: String(record.id) }))
		.filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.value === needle);
}

function searchPaged(path: string, name: Namer, queryFor: (filter?: string) => IDataObject = () => ({})) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const offset = Number(paginationToken) || 0;
		const query = queryFor(filter);
		const { records, totalCount } = await leelooPage.call(this, path, offset, MAX_PAGE_SIZE, query);
		const next = offset + records.length;
		const more = records.length === MAX_PAGE_SIZE && (totalCount === undefined || next < totalCount);
		const localFilter = Object.keys(query).length ? undefined : filter;
		return { results: toResults(records, name, localFilter), paginationToken: more ? String(next) : undefined };
	};
}

function searchWhole(path: string, name: Namer) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const body = (await leelooApiRequest.call(this, 'GET', path)) as IDataObject;
		return { results: toResults(listOf(body?.data), name, filter) };
	};
}

const channelName: Namer = (c) => [text(c.name), text(c.from) && `(${text(c.from)})`].filter(Boolean).join(' ');

// E13 filters by exact phone or email; any other text is matched against names on the page.
function peopleQuery(filter?: string): IDataObject {
	const value = filter?.trim();
	if (!value) return {};
	if (value.includes('@')) return { 'filter[email]': value };
	if (/^\+?[\d\s()-]{5,}$/.test(value)) return { 'filter[phone]': value.replace(/[\s()-]/g, '') };
	return {};
}

export const listSearch = {
	searchCategories: searchWhole('/categories/templates', (c) => text(c.name)),
	searchChannels: searchPaged('/communication-channels', channelName),
	searchOrders: searchPaged('/orders', (o) =>
		[text(o.title) || String(o.id), text(o.status), o.price !== undefined ? `${String(o.price)} ${text(o.currency)}` : '']
			.filter(Boolean)
			.join(' · '),
	),
	searchPeople: searchPaged('/people', (p) => [text(p.name), text(p.phone) || text(p.email)].filter(Boolean).join(' · '), peopleQuery),
	searchTags: searchWhole('/tags', (t) => text(t.name)),
	searchTunnels: searchPaged('/tunnels', (t) => text(t.name)),
	searchUsers: searchPaged('/users', (u) => text(u.name) || text(u.email)),

	// E03 takes any template: walk the categories (E01), one category (E02) per page.
	async searchTemplates(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const categories = listOf(((await leelooApiRequest.call(this, 'GET', '/categories/templates')) as IDataObject)?.data);
		const index = Number(paginationToken) || 0;
		const category = categories[index];
		if (!category) return { results: [] };
		const body = (await leelooApiRequest.call(this, 'GET', `/categories/templates/${String(category.id)}`)) as IDataObject;
		const results = toResults(
			listOf(body?.data),
			(t) => `${text(t.message_name) || text(t.name)} (${text(category.name)})`,
			filter,
		);
		return { results, paginationToken: index + 1 < categories.length ? String(index + 1) : undefined };
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
			.map((user) => ({ name: text(user.name) || text(user.email) || String(user.id), value: String(user.id) }));
	},
};
