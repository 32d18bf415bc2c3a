import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { simplifyPerson, type RecordMapper } from '../../shared/response/vocabulary';
import { isTool } from './tool';

// What every operation returns, after the request. Version 1: Leeloo's records, people simplified
// when asked (as it always did). Version 1.1: with Simplify on (the default) every record in the
// one output vocabulary of shared/response/vocabulary.ts. As a tool of an AI agent, people are
// trimmed to what an agent acts on, and "nothing found" is said in words (n8n would hand the model
// an empty string). What each operation returns is declared with it (resources/) and handed to its
// route by the assembly.

export interface OutputPlan {
	/** Simplify from version 1.1: the mapper of the operation's records. */
	map: RecordMapper;
	/** Version 1's Simplify, for the operations that had one. */
	mapV1?: RecordMapper;
	/** Ids the route read that the records do not carry, added to each (E04: the channel asked for). */
	recordIds?: string[];
	/** What the records are called ("No people match in Leeloo"). */
	records: string;
}

/** A person for an agent: what a tool takes next (ids, channels to send to, tags by name). */
function forAgent(person: IDataObject): IDataObject {
	const channels = Array.isArray(person.channels) ? (person.channels as IDataObject[]) : [];
	return {
		id: person.id,
		name: person.name,
		phone: person.phone,
		email: person.email,
		tags: person.tags,
		lastMessageTime: person.lastMessageTime,
		channels: channels.map((channel) => ({ accountId: channel.accountId, from: channel.from })),
		...(person.customFields ? { customFields: person.customFields } : {}),
		...(person.orders ? { orders: person.orders } : {}),
		...(person.contactedUsers ? { contactedUsers: person.contactedUsers } : {}),
	};
}

/** Simplify, evaluated only when it is an expression (it may differ per item). */
function simplifyOf(ctx: IExecuteSingleFunctions): boolean {
	const raw = ctx.getNodeParameter('simplify', true, { rawExpressions: true });
	return (typeof raw === 'boolean' ? raw : ctx.getNodeParameter('simplify', true)) === true;
}

export async function present(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	output: OutputPlan,
	ids: Record<string, string> = {},
): Promise<INodeExecutionData[]> {
	const simplify = simplifyOf(this);
	let out = items;
	if (this.getNode().typeVersion < 1.1) {
		const { mapV1 } = output;
		if (simplify && mapV1) out = items.map((item) => ({ ...item, json: mapV1(item.json) }));
	} else if (simplify) {
		const { map, recordIds } = output;
		const asked = recordIds && Object.fromEntries(recordIds.map((name) => [name, ids[name]]));
		out = items.map((item) => ({ ...item, json: map(asked ? { ...item.json, ...asked } : item.json) }));
	}
	if (!isTool(this)) return out;
	if (!out.length) return [{ json: { found: 0, message: `No ${output.records} match in Leeloo` } }];
	const personal = simplify && this.getNode().typeVersion >= 1.1 && output.map === simplifyPerson;
	return personal ? out.map((item) => ({ ...item, json: forAgent(item.json) })) : out;
}
