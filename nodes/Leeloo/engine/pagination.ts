import type { IDataObject } from 'n8n-workflow';
import { MAX_PAGE_SIZE, readPage } from '../../shared/api/envelopes';

// The one pagination path for limit/offset lists (E04, E06, E10, E13, E23, E27). It asks for the
// largest page Leeloo allows and trims the last page to the Limit. Once a page has told
// `meta.totalCount`, the pages up to it are asked for at once (the run's limiter bounds how many are
// in flight) and read in order. It stops on a short page (what came after it is dropped) or once
// the total is read. Each page is one request through the routing engine (engine/routing.ts), so
// the limiter, the retries and the error guard apply to every page.

export async function readPages(wanted: number, fetchPage: (limit: number, offset: number) => Promise<unknown>): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let total: number | undefined;
	while (records.length < wanted) {
		// Without a known total, one page at a time.
		const end = Math.min(wanted, Math.max(total ?? 0, records.length + MAX_PAGE_SIZE));
		const pages: Array<{ limit: number; offset: number }> = [];
		// Full pages up to the Limit: a total that grew meanwhile is then read in the same requests.
		for (let offset = records.length; offset < end; offset += MAX_PAGE_SIZE) pages.push({ limit: Math.min(MAX_PAGE_SIZE, wanted - offset), offset });
		const answers = await Promise.allSettled(pages.map(({ limit, offset }) => fetchPage(limit, offset)));
		for (const [i, answer] of answers.entries()) {
			if (answer.status === 'rejected') throw answer.reason;
			const page = readPage(answer.value);
			for (const record of page.records) records.push(record);
			total = page.totalCount;
			if (page.records.length < pages[i].limit) return records;
		}
		if (total !== undefined && records.length >= total) break;
	}
	return records;
}
