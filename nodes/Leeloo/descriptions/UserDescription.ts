import type { INodeProperties } from 'n8n-workflow';
import { leelooRoute } from '../engine/routing';

// E27 list platform users (limit/offset) · E28 one platform user. userId, returnAll, limit:
// SharedFields.ts.

const show = { resource: ['user'] };

export const userOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a platform user',
				description: 'Get one platform user by ID',
				routing: leelooRoute('GET', '/users/{userId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many platform users',
				description: 'Get the platform users (managers) of the account',
				routing: leelooRoute('GET', '/users', 'paged'),
			},
		],
		default: 'getAll',
	},
];
