import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { OPERATION_OUTPUT, simplifyMessage } from '../../shared/response/vocabulary';
import { simplifyPersonRecord } from '../../shared/response/personV1';
import { isTool } from './tool';

// What every operation returns, after the request. Version 1: Leeloo's records, people simplified
// when asked (as it always did). Version 1.1: with Simplify on (the default) every record in the
// one output vocabulary of output.ts. As a tool of an AI agent, records are trimmed to what an
// agent acts on, and "nothing found" is said in words (n8n would hand the model an empty string).

const RECORDS: Record<string, string> = {
	call: 'calls',
	communicationChannel: 'communication channels',
	connection: 'connections',
	message: 'messages',
	messageTemplate: 'message templates',
	order: 'orders',
	person: 'people',
	tag: 'tags',
	trafficSource: 'traffic sources',
	tunnel: 'tunnels',
	user: 'users',
};

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

interface Operation {
	resource: string;
	key: string;
	version: number;
}

const operations = new WeakMap<object, Operation>();

/** Resource, operation (never expressions) and node version: read once per run, not for every item. */
function operationOf(ctx: IExecuteSingleFunctions): Operation {
	const run = ctx.getExecuteData?.();
	const known = run && operations.get(run);
	if (known) return known;
	const resource = ctx.getNodeParameter('resource', '') as string;
	const found = { resource, key: `${resource}:${ctx.getNodeParameter('operation', '') as string}`, version: ctx.getNode().typeVersion };
	if (run) operations.set(run, found);
	return found;
}

/** Simplify, evaluated only when it is an expression (it may differ per item). */
function simplifyOf(ctx: IExecuteSingleFunctions): boolean {
	const raw = ctx.getNodeParameter('simplify', true, { rawExpressions: true });
	return (typeof raw === 'boolean' ? raw : ctx.getNodeParameter('simplify', true)) === true;
}

export async function present(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	{ accountId }: { accountId?: string } = {},
): Promise<INodeExecutionData[]> {
	const { resource, key, version } = operationOf(this);
	const simplify = simplifyOf(this);
	let out = items;
	if (version < 1.1) {
		if (simplify && (key === 'person:get' || key === 'person:getAll')) out = items.map((item) => ({ ...item, json: simplifyPersonRecord(item.json) }));
	} else if (simplify) {
		// E04 records do not carry their channel: it is the one asked for.
		const map = key === 'message:getAll' ? (raw: IDataObject) => simplifyMessage({ ...raw, accountId }) : OPERATION_OUTPUT[key];
		if (map) out = items.map((item) => ({ ...item, json: map(item.json) }));
	}
	if (!isTool(this)) return out;
	if (!out.length) return [{ json: { found: 0, message: `No ${RECORDS[resource] ?? 'records'} match in Leeloo` } }];
	const personal = simplify && version >= 1.1 && ['person:get', 'person:getAll', 'person:upsert', 'communicationChannel:getPerson'].includes(key);
	return personal ? out.map((item) => ({ ...item, json: forAgent(item.json) })) : out;
}
