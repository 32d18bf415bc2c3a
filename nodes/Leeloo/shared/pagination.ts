import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { readPage } from './records';
import { MAX_PAGE_SIZE } from './transport';

// The one pagination path for limit/offset lists. It runs inside n8n's routing engine
// (`makeRoutingRequest`, so the error guard in postReceive sees every page), asks for the largest
// page Leeloo allows, trims the last page to the Limit, and stops on a short page or once
// `meta.totalCount` records have been read.

export type ItemsTransform = (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

export function paginate(transforms: ItemsTransform[] = []) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const wanted = requestData.maxResults ? Number(requestData.maxResults) : Infinity;
		let items: INodeExecutionData[] = [];
		let offset = 0;
		while (items.length < wanted) {
			const limit = Math.min(MAX_PAGE_SIZE, wanted - items.length);
			const [response] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, qs: { ...(requestData.options.qs as IDataObject), limit, offset } },
			});
			const { records, totalCount } = readPage(response?.json);
			items = items.concat(records.map((json) => ({ json })));
			offset += records.length;
			if (records.length < limit || (totalCount !== undefined && offset >= totalCount)) break;
		}
		for (const transform of transforms) items = await transform.call(this, items);
		return items;
	};
}

/** Return All + Limit for a Get Many operation. */
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
