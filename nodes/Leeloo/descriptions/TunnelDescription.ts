import type { INodeProperties } from 'n8n-workflow';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import type { Convert } from '../engine/fields';

// E23 list tunnels (limit/offset) · E24 one tunnel · E25 statistics of all tunnels · E26 statistics
// of one tunnel. tunnelId, returnAll, limit: SharedFields.ts; the options join the shared Options.

const show = { resource: ['tunnel'] };

// E24 adds the tunnel's lead generation tools only when asked to.
const includeLeadGenTools: Convert = (_ctx, value) => (value === true ? 'leadgentools' : undefined);

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
				description: 'Get one tunnel by ID, optionally with its lead generation tools',
				routing: leelooRoute('GET', '/tunnels/{tunnelId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tunnels',
				description: 'Get the tunnels (funnels) of the account',
				routing: leelooRoute('GET', '/tunnels', 'paged'),
			},
			{
				name: 'Get Statistics',
				value: 'getStats',
				action: 'Get the statistics of a tunnel',
				description: 'Get the statistics of one tunnel',
				routing: leelooRoute('GET', '/tunnels/{tunnelId}/stats', 'record'),
			},
			{
				name: 'Get Statistics of All',
				value: 'getAllStats',
				action: 'Get the statistics of all tunnels',
				description: 'Get the statistics of every tunnel of the account',
				routing: leelooRoute('GET', '/tunnels/stats', 'list'),
			},
		],
		default: 'getAll',
	},
];

// E24
export const tunnelOptions: INodeProperties[] = [
	{
		displayName: 'Include Lead Generation Tools',
		name: 'includeLeadGenTools',
		type: 'boolean',
		default: false,
		description: 'Whether to return the lead generation tools of the tunnel with it',
		...sendAs('query', 'include', includeLeadGenTools),
	},
];
