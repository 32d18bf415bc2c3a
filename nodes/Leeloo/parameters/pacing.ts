import type { INodeProperties } from 'n8n-workflow';
import { MAX_ATTEMPTS } from '../engine/retry';

// One node option for every operation: how fast the node talks to Leeloo and how long it keeps
// retrying (engine/limiter.ts, engine/retry.ts). Read once per node run, from the first item.
export const pacingField: INodeProperties = {
	displayName: 'Pacing and Retries',
	name: 'pacing',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: `Leeloo limits requests per account. On a rate limit (HTTP 429) the node waits as Leeloo asks and sends the request again, slowing the whole run down; reads are also retried after server errors. A write that may have been applied is never sent again. At most ${MAX_ATTEMPTS} attempts per request.`,
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
			default: 10,
			description: 'How many requests of this node may wait for Leeloo at the same time. Writes to the same channel or person are always sent one after the other, in item order.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Fixed pace for this node; 0 sends as fast as Leeloo accepts and slows down only when it answers with a rate limit',
		},
		{
			displayName: 'Max Retry Time (Seconds)',
			name: 'maxRetryTime',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description: 'How long one request may spend waiting between its attempts before its item fails',
		},
		{
			displayName: 'Retry',
			name: 'retry',
			type: 'boolean',
			default: true,
			description: 'Whether to send a request again when Leeloo answers with a rate limit, or a read fails on its side',
		},
	],
};
