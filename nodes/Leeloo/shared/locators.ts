import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { validateId } from './validation';

// Every id parameter is a resource locator: "From List" where Leeloo has a list endpoint for that
// kind of record (searchable, paginated), and "By ID" validated as 24 hex characters.

interface IdKind {
	label: string;
	searchListMethod?: string;
}

export const ID_KINDS = {
	accountId: { label: 'Communication Channel', searchListMethod: 'searchChannels' },
	categoryId: { label: 'Category', searchListMethod: 'searchCategories' },
	leadGenToolId: { label: 'Lead Generation Tool' },
	managerId: { label: 'Manager', searchListMethod: 'searchUsers' },
	offerId: { label: 'Offer' },
	orderId: { label: 'Order', searchListMethod: 'searchOrders' },
	paymentCreditsId: { label: 'Payment System' },
	personId: { label: 'Person', searchListMethod: 'searchPeople' },
	tagId: { label: 'Tag', searchListMethod: 'searchTags' },
	templateId: { label: 'Template', searchListMethod: 'searchTemplates' },
	tunnelId: { label: 'Tunnel', searchListMethod: 'searchTunnels' },
	userId: { label: 'User', searchListMethod: 'searchUsers' },
} satisfies Record<string, IdKind>;

export type IdName = keyof typeof ID_KINDS;

export function labelOf(name: string): string {
	return (ID_KINDS as Record<string, IdKind>)[name]?.label ?? name;
}

const ID_REGEX = '^[0-9a-fA-F]{24}$';

/**
 * A resource locator for `name`. `bodyProperty` sends the id in the JSON body; ids that go into
 * the path are read (and validated) by the operation's path template instead. `collection` names
 * the collection (e.g. Additional Fields) that holds the locator, if any.
 */
export function idLocator(
	name: IdName,
	{
		description,
		bodyProperty,
		required = true,
		collection,
	}: { description: string; bodyProperty?: string; required?: boolean; collection?: string },
): INodeProperties {
	const { label, searchListMethod } = ID_KINDS[name] as IdKind;
	// Inside a collection (Additional Fields) n8n reads the value at its dotted path.
	const path = collection ? `${collection}.${name}` : name;
	const routing: INodePropertyRouting | undefined = bodyProperty
		? {
				send: {
					type: 'body',
					property: bodyProperty,
					// The check trims; so must what is sent.
					value: '={{ String($value).trim() }}',
					preSend: [validateId(path, label)],
				},
			}
		: undefined;
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
		...(routing ? { routing } : {}),
	};
}
