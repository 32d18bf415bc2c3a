import type { INodeProperties } from 'n8n-workflow';
import { leelooRoute } from '../engine/routing';

// E29 list connections (the messengers and other channels of communication the account is linked to).
// The API takes no limit/offset here and its answer shape is undocumented: a plain array or
// `data.<name>[]` both work (shared/api/envelopes.ts).

const show = { resource: ['connection'] };

export const connectionOperations: INodeProperties[] = [
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
				action: 'Get many connections',
				description: 'Get many connections (messengers and other channels of communication) of the account',
				routing: leelooRoute('GET', '/connections', 'list'),
			},
		],
		default: 'getAll',
	},
];

export const connectionFields: INodeProperties[] = [];
