// The kinds of Leeloo ids the node's parameters take, and how messages name them.

export interface IdKind {
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
