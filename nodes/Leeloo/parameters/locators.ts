import type { INodeProperties } from 'n8n-workflow';
import { sendAs } from '../engine/fields';
import { ID_KINDS, type IdKind, type IdName } from '../engine/ids';
import { id } from '../engine/validation';

// Every id parameter is a resource locator: "From List" where Leeloo has a list endpoint for that
// kind of record (searchable, paginated), and "By ID" validated as 24 hex characters.

const ID_REGEX = '^[0-9a-fA-F]{24}$';

/**
 * A resource locator for `name`. A top-level id is read once by the operation's route, which puts
 * it in the path or body; an id inside a collection (Additional Fields) names its `bodyProperty`
 * and `collection`, and is read, checked and sent with the other fields (engine/fields.ts).
 */
export function idLocator(
	name: IdName,
	{
		description,
		bodyProperty,
		required = true,
		collection,
		byName = false,
	}: { description: string; bodyProperty?: string; required?: boolean; collection?: string; byName?: boolean },
): INodeProperties {
	const { label, searchListMethod } = ID_KINDS[name] as IdKind;
	const send = bodyProperty ? sendAs('body', bodyProperty, id(collection ? `${collection}.${name}` : name, label)) : {};
	return {
		displayName: label,
		name,
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		required,
		description,
		modes: [
			...(searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							typeOptions: { searchListMethod, searchable: true },
						},
					]
				: []),
			...(byName
				? [{ displayName: 'By Name', name: 'name', type: 'string' as const, placeholder: `e.g. vip` }]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5b3f543bb2737000133d25b0',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ID_REGEX,
							errorMessage: 'A Leeloo ID is 24 hexadecimal characters',
						},
					},
				],
			},
		],
		...send,
	};
}
