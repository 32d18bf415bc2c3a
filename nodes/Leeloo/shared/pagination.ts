import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { readPage } from './records';

// The one pagination path for limit/offset lists (E04, E06, E10, E13, E23, E27): it asks for the
// largest page Leeloo allows, trims the last page to the Limit, and stops on a short page or once
// `meta.totalCount` records have been read. Each page is one request through the routing engine
// (shared/routing.ts), so the limiter, the retries and the error guard apply to every page.

export const MAX_PAGE_SIZE = 100;

export async function readPages(wanted: number, fetchPage: (limit: number, offset: number) => Promise<unknown>): Promise<IDataObject[]> {
	let records: IDataObject[] = [];
	let offset = 0;
	while (records.length < wanted) {
		const limit = Math.min(MAX_PAGE_SIZE, wanted - records.length);
		const page = readPage(await fetchPage(limit, offset));
		records = records.concat(page.records);
		offset += page.records.length;
		if (page.records.length < limit || (page.totalCount !== undefined && offset >= page.totalCount)) break;
	}
	return records;
}

/** Return All + Limit of every Get Many (one definition each, shown for every resource that pages). */
export function returnAllAndLimit(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}
