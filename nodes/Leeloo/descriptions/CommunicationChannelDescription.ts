import type { INodeProperties } from 'n8n-workflow';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import { id } from '../engine/validation';

// E06 list channels (limit/offset, optional last-message date filter) · E07 the person of a channel
// · E30 subscribe a channel to a tunnel block. The "channel" is Leeloo's account id.
// accountId, tunnelId, returnAll, limit: SharedFields.ts; the last-message filters: descriptions/filters.ts.

const show = { resource: ['communicationChannel'] };

export const communicationChannelOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many communication channels',
				description: 'Get the communication channels of the account, optionally by date of the last message',
				routing: leelooRoute('GET', '/communication-channels', 'paged'),
			},
			{
				name: 'Get Person',
				value: 'getPerson',
				action: 'Get the person of a communication channel',
				description: 'Get the person a communication channel belongs to',
				routing: leelooRoute('GET', '/communication-channels/{accountId}/person', 'record'),
			},
			{
				name: 'Subscribe',
				value: 'subscribe',
				action: 'Subscribe a communication channel to a tunnel block',
				description: 'Subscribe a communication channel to a tunnel, starting at a given block',
				routing: leelooRoute('POST', '/communication-channels/{accountId}/manual-subscribe', 'action', { bodyIds: { tunnel_id: 'tunnelId' } }),
			},
		],
		default: 'getAll',
	},
];

export const communicationChannelFields: INodeProperties[] = [
	{
		displayName: 'Tunnel Block ID',
		name: 'tunnelBlockId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b3f543bb2737000133d25b0',
		description: 'ID of the block of the tunnel where the channel starts (24 hexadecimal characters)',
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
		// Tunnel blocks have no list endpoint, so the id is a plain string, checked and sent trimmed.
		...sendAs('body', 'tunnel_block_id', id('tunnelBlockId', 'Tunnel Block ID', { required: true })),
	},
];
