import { simplifyUser } from '../../shared/response/vocabulary';
import type { Resource } from './declaration';
import { LIMIT, RETURN_ALL, USER_ID } from './shared';

// E27 list platform users (limit/offset) · E28 one platform user.

export const user: Resource = {
	value: 'user',
	displayName: 'User',
	records: 'users',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E28',
			value: 'get',
			name: 'Get',
			action: 'Get a platform user',
			description: 'Get one platform user by ID',
			method: 'GET',
			path: '/users/{userId}',
			response: 'record',
			parameters: [USER_ID],
			output: simplifyUser,
			tool: 'Get one platform user (manager) of the Leeloo account by ID: id, name, email, role.',
		},
		{
			endpoint: 'E27',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many platform users',
			description: 'Get the platform users (managers) of the account',
			method: 'GET',
			path: '/users',
			response: 'paged',
			parameters: [RETURN_ALL, LIMIT],
			output: simplifyUser,
			tool: 'List the platform users (managers) of the Leeloo account: id, name, email, role of each.',
		},
	],
};
