import type { INodeProperties } from 'n8n-workflow';
import { simplifyActionResult, simplifyChannel, simplifyPerson } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { id } from '../engine/validation';
import type { Resource } from './declaration';
import { ACCOUNT_ID, LAST_MESSAGE_FILTERS, LIMIT, PERSON_FIELDS, RETURN_ALL, TUNNEL_ID } from './shared';

// E06 list channels (limit/offset, optional last-message date filter) · E07 the person of a channel
// · E30 subscribe a channel to a tunnel block. The "channel" is Leeloo's account id.

const TUNNEL_BLOCK_ID: INodeProperties = {
	displayName: 'Tunnel Block ID',
	name: 'tunnelBlockId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5b3f543bb2737000133d25b0',
	description: 'ID of the block of the tunnel where the channel starts (24 hexadecimal characters)',
	// Tunnel blocks have no list endpoint, so the id is a plain string, checked and sent trimmed.
	...sendAs('body', 'tunnel_block_id', id('tunnelBlockId', 'Tunnel Block ID', { required: true })),
};

export const communicationChannel: Resource = {
	value: 'communicationChannel',
	displayName: 'Communication Channel',
	records: 'communication channels',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E06',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many communication channels',
			description: 'Get the communication channels of the account, optionally by date of the last message',
			method: 'GET',
			path: '/communication-channels',
			response: 'paged',
			parameters: [RETURN_ALL, LIMIT],
			collections: { filters: LAST_MESSAGE_FILTERS },
			output: simplifyChannel,
			tool: 'List communication channels (a person in one messenger) in Leeloo, optionally only those whose last message is within a date range. Returns for each: id (the channel ID), personId, name, from (messenger), lastMessageTime.',
		},
		{
			endpoint: 'E07',
			value: 'getPerson',
			name: 'Get Person',
			action: 'Get the person of a communication channel',
			description: 'Get the person a communication channel belongs to',
			method: 'GET',
			path: '/communication-channels/{accountId}/person',
			response: 'record',
			parameters: [ACCOUNT_ID],
			output: simplifyPerson,
			tool: `Get the person a communication channel belongs to, by the channel ID. Returns ${PERSON_FIELDS}.`,
		},
		{
			endpoint: 'E30',
			value: 'subscribe',
			name: 'Subscribe',
			action: 'Subscribe a communication channel to a tunnel block',
			description: 'Subscribe a communication channel to a tunnel, starting at a given block',
			method: 'POST',
			path: '/communication-channels/{accountId}/manual-subscribe',
			response: 'action',
			bodyIds: { tunnel_id: 'tunnelId' },
			parameters: [ACCOUNT_ID, TUNNEL_ID, TUNNEL_BLOCK_ID],
			output: simplifyActionResult,
			tool: 'Subscribe a communication channel (channel ID) to a tunnel (tunnel ID), starting at a given block of that tunnel (block ID).',
		},
	],
};
