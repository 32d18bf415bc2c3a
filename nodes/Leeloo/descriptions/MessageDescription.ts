import type { INodeProperties } from 'n8n-workflow';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import { text } from '../engine/validation';

// E04 list the chat messages of a communication channel (limit/offset) · E05 send a text message.
// E04's path parameter is called person_id in the API text but described as the channel id
// (docs/leeloo-api.md#e04). accountId, returnAll and limit: SharedFields.ts.

const show = { resource: ['message'] };

export const messageOperations: INodeProperties[] = [
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
				action: 'Get many messages of a communication channel',
				description: 'Get the chat messages of a communication channel, newest first',
				routing: leelooRoute('GET', '/communication-channels/{accountId}/chat-messages', 'paged'),
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a text message to a communication channel',
				description: 'Send a text message to a person through one of their communication channels',
				routing: leelooRoute('POST', '/messages/send-message', 'action', { bodyIds: { account_id: 'accountId' } }),
			},
		],
		default: 'send',
	},
];

export const messageFields: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text of the message',
		displayOptions: { show: { ...show, operation: ['send'] } },
		...sendAs('body', 'text', text('text', 'Text', { required: true })),
	},
];
