import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { leelooRoute } from '../shared/routing';

// E20 list tags · E22 add a tag to a person · E21 remove a tag from a person.
// The path id of E21/E22 is the person; the tag goes in the body as `tag_id` (JSON,
// docs/leeloo-api.md#e21). personId: SharedFields.ts.

const show = { resource: ['tag'] };

export const tagOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Add to Person',
				value: 'addToPerson',
				action: 'Add a tag to a person',
				description: 'Put a tag on a person',
				routing: leelooRoute('PUT', '/people/{personId}/add-tag', 'action', { bodyIds: { tag_id: 'tagId' } }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tags',
				description: 'Get the tags of the account',
				routing: leelooRoute('GET', '/tags', 'list'),
			},
			{
				name: 'Remove From Person',
				value: 'removeFromPerson',
				action: 'Remove a tag from a person',
				description: 'Take a tag off a person',
				routing: leelooRoute('PUT', '/people/{personId}/remove-tag', 'action', { bodyIds: { tag_id: 'tagId' } }),
			},
		],
		default: 'getAll',
	},
];

const showTagOnPerson = { show: { resource: ['tag'], operation: ['addToPerson', 'removeFromPerson'] } };

export const tagFields: INodeProperties[] = [
	{
		...idLocator('tagId', { description: 'The tag to add or remove' }),
		displayOptions: showTagOnPerson,
	},
];
