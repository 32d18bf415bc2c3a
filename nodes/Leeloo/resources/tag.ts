import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { listOf } from '../../shared/api/envelopes';
import { leelooApiRequest } from '../../shared/api/transport';
import { simplifyActionResult, simplifyTag } from '../../shared/response/vocabulary';
import { oncePerRun, type NameResolver } from '../engine/routing';
import { refuse } from '../engine/validation';
import { idLocator } from '../parameters/locators';
import type { Resource } from './declaration';
import { SUBJECT_PERSON_ID } from './shared';

// E20 list tags · E22 add a tag to a person · E21 remove a tag from a person.
// The path id of E21/E22 is the person; the tag goes in the body as `tag_id` (JSON,
// docs/leeloo-api.md#e21). People carry tags by name (E13, E16), so the tag may also be given by
// its name: it is looked up in E20, once per node run.

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

const TAG_ID = idLocator('tagId', { description: 'The tag to add or remove: its name as people carry it (e.g. vip), or its ID', byName: true });

export const tag: Resource = {
	value: 'tag',
	displayName: 'Tag',
	records: 'tags',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E22',
			value: 'addToPerson',
			name: 'Add to Person',
			action: 'Add a tag to a person',
			description: 'Put a tag on a person',
			method: 'PUT',
			path: '/people/{personId}/add-tag',
			response: 'action',
			bodyIds: { tag_id: 'tagId' },
			byName: { tagId: tagByName },
			parameters: [SUBJECT_PERSON_ID, TAG_ID],
			output: simplifyActionResult,
			tool: "Put a tag on a person. Person: the person's ID. Tag: the tag's name as it appears in a person's tags (e.g. vip), or its ID.",
		},
		{
			endpoint: 'E20',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many tags',
			description: 'Get the tags of the account',
			method: 'GET',
			path: '/tags',
			response: 'list',
			output: simplifyTag,
			tool: 'List the tags of the Leeloo account (id and name of each).',
		},
		{
			endpoint: 'E21',
			value: 'removeFromPerson',
			name: 'Remove From Person',
			action: 'Remove a tag from a person',
			description: 'Take a tag off a person',
			method: 'PUT',
			path: '/people/{personId}/remove-tag',
			response: 'action',
			bodyIds: { tag_id: 'tagId' },
			byName: { tagId: tagByName },
			parameters: [SUBJECT_PERSON_ID, TAG_ID],
			output: simplifyActionResult,
			tool: "Take a tag off a person. Person: the person's ID. Tag: the tag's name as it appears in a person's tags (e.g. vip), or its ID.",
		},
	],
};
