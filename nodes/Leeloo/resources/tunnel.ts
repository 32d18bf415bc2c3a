import type { INodeProperties } from 'n8n-workflow';
import { simplifyTunnel, simplifyTunnelStats } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import type { Convert } from '../engine/fields';
import type { Resource } from './declaration';
import { LIMIT, RETURN_ALL, TUNNEL_ID } from './shared';

// E23 list tunnels (limit/offset) · E24 one tunnel · E25 statistics of all tunnels · E26 statistics
// of one tunnel.

// E24 adds the tunnel's lead generation tools only when asked to.
const includeLeadGenTools: Convert = (_ctx, value) => (value === true ? 'leadgentools' : undefined);

const GET_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Include Lead Generation Tools',
		name: 'includeLeadGenTools',
		type: 'boolean',
		default: false,
		description: 'Whether to return the lead generation tools of the tunnel with it',
		...sendAs('query', 'include', includeLeadGenTools),
	},
];

export const tunnel: Resource = {
	value: 'tunnel',
	displayName: 'Tunnel',
	records: 'tunnels',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E24',
			value: 'get',
			name: 'Get',
			action: 'Get a tunnel',
			description: 'Get one tunnel by ID, optionally with its lead generation tools',
			method: 'GET',
			path: '/tunnels/{tunnelId}',
			response: 'record',
			parameters: [TUNNEL_ID],
			collections: { options: GET_OPTIONS },
			output: simplifyTunnel,
			tool: 'Get one tunnel (funnel) by its Leeloo ID, with its blocks (block IDs are what Subscribe takes).',
		},
		{
			endpoint: 'E23',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many tunnels',
			description: 'Get the tunnels (funnels) of the account',
			method: 'GET',
			path: '/tunnels',
			response: 'paged',
			parameters: [RETURN_ALL, LIMIT],
			output: simplifyTunnel,
			tool: 'List the tunnels (funnels) of the Leeloo account: id, name, status and blocks of each.',
		},
		{
			endpoint: 'E26',
			value: 'getStats',
			name: 'Get Statistics',
			action: 'Get the statistics of a tunnel',
			description: 'Get the statistics of one tunnel',
			method: 'GET',
			path: '/tunnels/{tunnelId}/stats',
			response: 'record',
			parameters: [TUNNEL_ID],
			output: simplifyTunnelStats,
			tool: 'Get the statistics (subscribers, finished, unsubscribed) of one tunnel (tunnel ID).',
		},
		{
			endpoint: 'E25',
			value: 'getAllStats',
			name: 'Get Statistics of All',
			action: 'Get the statistics of all tunnels',
			description: 'Get the statistics of every tunnel of the account',
			method: 'GET',
			path: '/tunnels/stats',
			response: 'list',
			output: simplifyTunnelStats,
			tool: 'Get the statistics (subscribers, finished, unsubscribed) of every tunnel of the Leeloo account.',
		},
	],
};
