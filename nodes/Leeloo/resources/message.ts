import type { INodeProperties } from 'n8n-workflow';
import { simplifyActionResult, simplifyMessage } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { text } from '../engine/validation';
import type { Resource } from './declaration';
import { ACCOUNT_ID, LIMIT, MESSAGES_CHANNEL, RETURN_ALL } from './shared';

// E04 list the chat messages of a communication channel (limit/offset) · E05 send a text message.
// E04's path parameter is called person_id in the API text but described as the channel id
// (docs/leeloo-api.md#e04).

const TEXT: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	description: 'The text of the message',
	...sendAs('body', 'text', text('text', 'Text', { required: true })),
};

export const message: Resource = {
	value: 'message',
	displayName: 'Message',
	records: 'messages',
	defaultOperation: 'send',
	operations: [
		{
			endpoint: 'E04',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many messages of a communication channel',
			description: 'Get the chat messages of a communication channel, newest first',
			method: 'GET',
			path: '/communication-channels/{accountId}/chat-messages',
			response: 'paged',
			parameters: [MESSAGES_CHANNEL, RETURN_ALL, LIMIT],
			output: simplifyMessage,
			// E04 records do not carry their channel: it is the one asked for.
			recordIds: ['accountId'],
			tool: "Get the chat messages of one communication channel (channel ID = a person's channels[].accountId), newest first. Returns id, text, direction (INCOMING or OUTGOING), type and createdAt of each.",
		},
		{
			endpoint: 'E05',
			value: 'send',
			name: 'Send',
			action: 'Send a text message to a communication channel',
			description: 'Send a text message to a person through one of their communication channels',
			method: 'POST',
			path: '/messages/send-message',
			response: 'action',
			bodyIds: { account_id: 'accountId' },
			parameters: [ACCOUNT_ID, TEXT],
			output: simplifyActionResult,
			tool: "Send a text message to a person through one of their communication channels. Communication Channel: the channel ID (a person's channels[].accountId, from Find people or Get a person). Text: the message text.",
		},
	],
};
