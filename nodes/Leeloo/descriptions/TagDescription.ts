import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { listOf } from '../../shared/api/envelopes';
import { leelooRoute, oncePerRun, type NameResolver } from '../engine/routing';
import { leelooApiRequest } from '../../shared/api/transport';
import { refuse } from '../engine/validation';

// E20 list tags · E22 add a tag to a person · E21 remove a tag from a person.
// The path id of E21/E22 is the person; the tag goes in the body as `tag_id` (JSON,
// docs/leeloo-api.md#e21). personId: SharedFields.ts. People carry tags by name (E13, E16), so
// the tag may also be given by its name: it is looked up in E20, once per node run.

const tagLists = new WeakMap<object, Promise<IDataObject[]>>();

/** The tag of this name in an E20 list (names compared trimmed, ignoring case). */
export function tagNamed(tags: IDataObject[], name: string): IDataObject | undefined {
	const wanted = name.trim().toLowerCase();
	return tags.find((candidate) => String(candidate.name ?? '').trim().toLowerCase() === wanted);
}

const tagByName: NameResolver = async (ctx: IExecuteSingleFunctions, name: string, parameter: string) => {
	const tags = oncePerRun(tagLists, ctx, () =>
		leelooApiRequest.call(ctx, 'GET', '/tags').then((body) => listOf((body as IDataObject)?.data)),
	);
	const tag = tagNamed(await tags, name);
	if (!tag || typeof tag.id !== 'string') {
		refuse(ctx, `Tag "${name}" was not found in Leeloo`, `Parameter "${parameter}" got a name that no tag of this account has. Use a tag's exact name or its ID (Tag → Get Many lists them).`);
	}
	return tag.id;
};

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
				routing: leelooRoute('PUT', '/people/{personId}/add-tag', 'action', { bodyIds: { tag_id: 'tagId' }, byName: { tagId: tagByName } }),
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
				routing: leelooRoute('PUT', '/people/{personId}/remove-tag', 'action', { bodyIds: { tag_id: 'tagId' }, byName: { tagId: tagByName } }),
			},
		],
		default: 'getAll',
	},
];

const showTagOnPerson = { show: { resource: ['tag'], operation: ['addToPerson', 'removeFromPerson'] } };

export const tagFields: INodeProperties[] = [
	{
		...idLocator('tagId', { description: 'The tag to add or remove: its name as people carry it (e.g. vip), or its ID', byName: true }),
		displayOptions: showTagOnPerson,
	},
];
