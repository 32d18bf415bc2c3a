import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../objects';

// Leeloo wraps every answer as `{data, status, meta?}`; `data` is a list, an object holding one
// named list (`data.templates`), a record, or `{}` for actions. These readers accept each form.

export interface LeelooPage {
	records: IDataObject[];
	totalCount?: number;
}

/** The largest page Leeloo's limit/offset lists give (E04, E06, E10, E13, E23, E27). */
export const MAX_PAGE_SIZE = 100;

export function listOf(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data as IDataObject[];
	if (!isObject(data)) return [];
	const lists = Object.values(data).filter(Array.isArray);
	if (lists.length === 1) return lists[0] as IDataObject[];
	return Object.keys(data).length ? [data] : [];
}

export function readPage(body: unknown): LeelooPage {
	const envelope = isObject(body) ? body : {};
	const meta = isObject(envelope.meta) ? envelope.meta : {};
	const total = Number(meta.totalCount);
	return {
		records: listOf(envelope.data),
		totalCount: Number.isFinite(total) ? total : undefined,
	};
}

export function recordOf(body: unknown): IDataObject {
	const data = isObject(body) ? body.data : undefined;
	const record = isObject(data) ? data : {};
	// `?include=` (E14) puts the related records beside `data`, in `included`; keep them.
	return isObject(body) && isObject(body.included) ? { ...record, included: body.included } : record;
}

/** What an action (send, add, update) returns: Leeloo's `data` when it says something, else a success flag. */
export function actionResultOf(body: unknown): IDataObject {
	const data = isObject(body) ? body.data : undefined;
	if (isObject(data) && Object.keys(data).length) return data;
	return data === undefined || isObject(data) ? { success: true } : { success: true, data: data as IDataObject };
}
