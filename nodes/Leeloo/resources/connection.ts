import { simplifyConnection } from '../../shared/response/vocabulary';
import type { Resource } from './declaration';

// E29 list connections (the messengers and other channels of communication the account is linked to).
// The API takes no limit/offset here and its answer shape is undocumented: a plain array or
// `data.<name>[]` both work (shared/api/envelopes.ts).

export const connection: Resource = {
	value: 'connection',
	displayName: 'Connection',
	records: 'connections',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E29',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many connections',
			description: 'Get many connections (messengers and other channels of communication) of the account',
			method: 'GET',
			path: '/connections',
			response: 'list',
			output: simplifyConnection,
			tool: 'List the connections of the Leeloo account: the messengers and other channels people can be reached through.',
		},
	],
};
