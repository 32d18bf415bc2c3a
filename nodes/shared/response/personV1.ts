import type { IDataObject } from 'n8n-workflow';

// Version 1's Simplify for people (E13/E14); version 1.1 uses output.ts: the fields most workflows need, camelCase throughout, with
// Leeloo's "NOT_DEFINED" placeholder turned into null. Every field may be missing from a record.

type Value = IDataObject[string];

const defined = (value: Value): Value => (value === undefined || value === 'NOT_DEFINED' ? null : value);

function simplifyChannel(account: Value): IDataObject {
	const channel = typeof account === 'object' && account !== null ? (account as IDataObject) : {};
	return {
		accountId: defined(channel.account_id),
		from: defined(channel.from),
		connectionId: defined(channel.connection_id),
	};
}

export function simplifyPersonRecord(person: IDataObject): IDataObject {
	return {
		id: defined(person.id),
		name: defined(person.name),
		phone: defined(person.phone),
		email: defined(person.email),
		tags: Array.isArray(person.tags) ? person.tags : [],
		lastMessageTime: defined(person.lastMessageTime),
		createdAt: defined(person.createdAt),
		updatedAt: defined(person.updatedAt),
		channels: Array.isArray(person.accounts) ? person.accounts.map(simplifyChannel) : [],
		// Records asked for with Include (E14) stay: the user chose them explicitly.
		...(person.included !== undefined ? { included: person.included } : {}),
	};
}
