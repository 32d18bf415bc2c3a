import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';
import { requireText } from '../shared/validation';

// E04 list the chat messages of a communication channel (limit/offset) · E05 send a text message.
// E04's path parameter is called person_id in the API text but described as the channel id.

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
				description: 'Get many chat messages of a communication channel (E04)',
				routing: leelooRoute('GET', '/communication-channels/{accountId}/chat-messages', 'paged'),
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a text message to a communication channel',
				description: 'Send a text message to a communication channel (E05)',
				routing: leelooRoute('POST', '/messages/send-message', 'action'),
			},
		],
		default: 'send',
	},
];

export const messageFields: INodeProperties[] = [
	{
		...idLocator('accountId', { description: 'The communication channel whose messages to get' }),
		displayOptions: { show: { ...show, operation: ['getAll'] } },
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		...idLocator('accountId', {
			description: 'The communication channel (account ID) that receives the message',
			bodyProperty: 'account_id',
		}),
		displayOptions: { show: { ...show, operation: ['send'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text of the message',
		displayOptions: { show: { ...show, operation: ['send'] } },
		routing: { send: { type: 'body', property: 'text', preSend: [requireText('text', 'Text')] } },
	},
];
