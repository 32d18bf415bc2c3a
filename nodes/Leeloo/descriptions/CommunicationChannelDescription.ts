import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';
import { lastMessageFilters } from '../shared/filters';
import { readId } from '../shared/validation';

// E06 list channels (limit/offset, optional last-message date filter) · E07 the person of a channel
// · E30 subscribe a channel to a tunnel block. The "channel" is Leeloo's account id.

const show = { resource: ['communicationChannel'] };

// Tunnel blocks have no list endpoint, so the id is a plain string; it is validated and sent trimmed.
async function sendTunnelBlockId(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const id = readId(this, 'tunnelBlockId', 'Tunnel Block ID');
	return { ...options, body: { ...(options.body as IDataObject), tunnel_block_id: id } };
}

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
				description: 'Get many communication channels, optionally by date of the last message (E06)',
				routing: leelooRoute('GET', '/communication-channels', 'paged'),
			},
			{
				name: 'Get Person',
				value: 'getPerson',
				action: 'Get the person of a communication channel',
				description: 'Get the person a communication channel belongs to (E07)',
				routing: leelooRoute('GET', '/communication-channels/{accountId}/person', 'record'),
			},
			{
				name: 'Subscribe',
				value: 'subscribe',
				action: 'Subscribe a communication channel to a tunnel block',
				description: 'Subscribe a communication channel to a tunnel, starting at a given block (E30)',
				routing: leelooRoute('POST', '/communication-channels/{accountId}/manual-subscribe', 'action'),
			},
		],
		default: 'getAll',
	},
];

export const communicationChannelFields: INodeProperties[] = [
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...show, operation: ['getAll'] } },
		options: [
			...lastMessageFilters('channels'),
		],
	},
	{
		...idLocator('accountId', { description: 'The communication channel (account ID)' }),
		displayOptions: { show: { ...show, operation: ['getPerson', 'subscribe'] } },
	},
	{
		...idLocator('tunnelId', { description: 'The tunnel to subscribe the channel to', bodyProperty: 'tunnel_id' }),
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
	},
	{
		displayName: 'Tunnel Block ID',
		name: 'tunnelBlockId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b3f543bb2737000133d25b0',
		description: 'ID of the block of the tunnel where the channel starts (24 hexadecimal characters)',
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
		routing: { send: { preSend: [sendTunnelBlockId] } },
	},
];
