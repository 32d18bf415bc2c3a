import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { refuse } from './validation';

/**
 * Sends a fixedCollection of `{key, value}` rows (E03 `variables`, E15 `custom_fields`) as one
 * JSON object at `property` of the body. `path` is the rows' parameter path, e.g. 'variables.variable'.
 */
export function sendKeyValues(path: string, property: string, label: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const rows = this.getNodeParameter(path, []) as Array<{ key?: string; value?: unknown }>;
		const object: IDataObject = {};
		for (const { key, value } of rows) {
			const name = typeof key === 'string' ? key.trim() : '';
			if (!name) {
				refuse(
					this,
					`${label}: every row needs a key`,
					`A row of parameter "${path.split('.')[0]}" has an empty key. Fill it in or remove the row.`,
				);
			}
			object[name] = value as IDataObject[string];
		}
		if (!rows.length) return options;
		return { ...options, body: { ...(options.body as IDataObject), [property]: object } };
	};
}
