import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';

// E27 list platform users (limit/offset) · E28 one platform user.

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
				description: 'Get one platform user by ID (E28)',
				routing: leelooRoute('GET', '/users/{userId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many platform users',
				description: 'Get many platform users of the account (E27)',
				routing: leelooRoute('GET', '/users', 'paged'),
			},
		],
		default: 'getAll',
	},
];

export const userFields: INodeProperties[] = [
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		...idLocator('userId', { description: 'The platform user' }),
		displayOptions: { show: { ...show, operation: ['get'] } },
	},
];
