import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';

// E23 list tunnels (limit/offset) · E24 one tunnel · E25 statistics of all tunnels · E26 statistics
// of one tunnel.

const show = { resource: ['tunnel'] };

// E24 adds the tunnel's lead generation tools only when asked to.
async function sendIncludeLeadGenTools(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('options.includeLeadGenTools', false) !== true) return options;
	return { ...options, qs: { ...(options.qs as IDataObject), include: 'leadgentools' } };
}

export const tunnelOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a tunnel',
				description: 'Get one tunnel by ID, optionally with its lead generation tools (E24)',
				routing: leelooRoute('GET', '/tunnels/{tunnelId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tunnels',
				description: 'Get many tunnels of the account (E23)',
				routing: leelooRoute('GET', '/tunnels', 'paged'),
			},
			{
				name: 'Get Statistics',
				value: 'getStats',
				action: 'Get the statistics of a tunnel',
				description: 'Get the statistics of one tunnel (E26)',
				routing: leelooRoute('GET', '/tunnels/{tunnelId}/stats', 'record'),
			},
			{
				name: 'Get Statistics of All',
				value: 'getAllStats',
				action: 'Get the statistics of all tunnels',
				description: 'Get the statistics of every tunnel of the account (E25)',
				routing: leelooRoute('GET', '/tunnels/stats', 'list'),
			},
		],
		default: 'getAll',
	},
];

export const tunnelFields: INodeProperties[] = [
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		...idLocator('tunnelId', { description: 'The tunnel' }),
		displayOptions: { show: { ...show, operation: ['get', 'getStats'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, operation: ['get'] } },
		options: [
			{
				displayName: 'Include Lead Generation Tools',
				name: 'includeLeadGenTools',
				type: 'boolean',
				default: false,
				description: 'Whether to return the lead generation tools of the tunnel with it',
				routing: { send: { preSend: [sendIncludeLeadGenTools] } },
			},
		],
	},
];
