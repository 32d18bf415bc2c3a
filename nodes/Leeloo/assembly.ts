import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { RecordMapper } from '../shared/response/vocabulary';
import { sendOf, type Field } from './engine/fields';
import { leelooRoute } from './engine/routing';
import { pacingField } from './parameters/pacing';
import { RESOURCES } from './resources';
import type { CollectionName, Operation, Resource } from './resources/declaration';

// The node's parameters, derived once at module load from the operations declared in resources/.
// An operation shows exactly the parameters it lists, in its order; a parameter several operations
// list keeps one definition, shown for a resource × operation product of them (n8n's routing engine
// evaluates every definition carrying a parameter's name, for every item: engine/README.md). The
// collections (Additional Fields, Update Fields, Filters, Options) are one each, holding the
// options of every operation that adds some. Each operation's routing gets the fields it shows.

interface Use {
	resource: string;
	operation: string;
}

interface Product {
	resource: string[];
	operation: string[];
}

const OPERATIONS = RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ resource, operation })));
const EXISTING = new Set(OPERATIONS.map(({ resource, operation }) => `${resource.value}:${operation.value}`));
const useOf = (resource: Pick<Resource, 'value'>, operation: Operation): Use => ({ resource: resource.value, operation: operation.value });

/** Resource × operation products that cover exactly `uses` (no other existing operation), as few as that allows. */
function productsOf(uses: Use[]): Product[] {
	const used = new Set(uses.map((use) => `${use.resource}:${use.operation}`));
	const exact = ({ resource, operation }: Product) =>
		resource.every((r) => operation.every((o) => !EXISTING.has(`${r}:${o}`) || used.has(`${r}:${o}`)));
	const products: Product[] = [];
	for (const { resource, operation } of uses) {
		const own = products.find((product) => product.resource.length === 1 && product.resource[0] === resource);
		if (own) own.operation.push(operation);
		else products.push({ resource: [resource], operation: [operation] });
	}
	for (let merged = true; merged; ) {
		merged = false;
		for (let i = 0; i < products.length && !merged; i++) {
			for (let j = i + 1; j < products.length && !merged; j++) {
				const union = { resource: [...products[i].resource, ...products[j].resource], operation: [...new Set([...products[i].operation, ...products[j].operation])] };
				if (exact(union)) {
					products.splice(j, 1);
					products[i] = union;
					merged = true;
				}
			}
		}
	}
	return products;
}

/**
 * One order holding each operation's list in its own order (a topological order: of the items
 * free to come next, the one `rank` puts first). Operations that contradict each other are a
 * declaration error.
 */
function mergedOrder<T>(lists: T[][], rank: (item: T) => number, nameOf: (item: T) => string): T[] {
	const after = new Map<T, Set<T>>();
	const before = new Map<T, number>();
	for (const list of lists) {
		for (const item of list) {
			if (after.has(item)) continue;
			after.set(item, new Set());
			before.set(item, 0);
		}
		for (let i = 1; i < list.length; i++) {
			const followers = after.get(list[i - 1]) as Set<T>;
			if (followers.has(list[i])) continue;
			followers.add(list[i]);
			before.set(list[i], (before.get(list[i]) as number) + 1);
		}
	}
	const order: T[] = [];
	const free = [...after.keys()].filter((item) => before.get(item) === 0);
	while (free.length) {
		free.sort((a, b) => rank(a) - rank(b));
		const item = free.shift() as T;
		order.push(item);
		for (const follower of after.get(item) as Set<T>) {
			before.set(follower, (before.get(follower) as number) - 1);
			if (before.get(follower) === 0) free.push(follower);
		}
	}
	const stuck = [...after.keys()].find((item) => !order.includes(item));
	if (stuck !== undefined) throw new Error(`Leeloo node: operations list ${nameOf(stuck)} in contradicting orders`);
	return order;
}

const COLLECTIONS: Record<CollectionName, [string, string]> = {
	additionalFields: ['Additional Fields', 'Add Field'],
	updateFields: ['Update Fields', 'Add Field'],
	filters: ['Filters', 'Add Filter'],
	options: ['Options', 'Add Option'],
};

type Slot = INodeProperties | CollectionName;

const slotsOf = (operation: Operation): Slot[] => [
	...(operation.parameters ?? []),
	...(Object.keys(COLLECTIONS) as CollectionName[]).filter((name) => operation.collections?.[name]?.length),
];

/** Each parameter or collection, with the operations that show it. */
const users = new Map<Slot, Use[]>();
for (const { resource, operation } of OPERATIONS) {
	for (const slot of slotsOf(operation)) users.set(slot, [...(users.get(slot) ?? []), useOf(resource, operation)]);
}

const shownFor = (show: Product) => ({ show: { resource: show.resource, operation: show.operation } });

/** A collection's definitions: the options each operation adds, each shown only where the collection shows more. */
function collectionOf(name: CollectionName, uses: Use[]): INodeProperties[] {
	return productsOf(uses).map((product) => {
		const inProduct = uses.filter((use) => product.resource.includes(use.resource) && product.operation.includes(use.operation));
		const optionUsers = new Map<INodeProperties, Use[]>();
		for (const { resource, operation } of OPERATIONS) {
			const use = useOf(resource, operation);
			if (!inProduct.some((each) => each.resource === use.resource && each.operation === use.operation)) continue;
			for (const option of operation.collections?.[name] ?? []) optionUsers.set(option, [...(optionUsers.get(option) ?? []), use]);
		}
		const options = [...optionUsers].flatMap(([option, those]) =>
			those.length === inProduct.length
				? [option]
				: productsOf(those).map((shown) => ({ ...option, displayOptions: { show: { '/resource': shown.resource, '/operation': shown.operation } } })),
		);
		return {
			displayName: COLLECTIONS[name][0],
			name,
			type: 'collection',
			placeholder: COLLECTIONS[name][1],
			default: {},
			displayOptions: shownFor(product),
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		};
	});
}

const definitionsOf = (slot: Slot): INodeProperties[] =>
	typeof slot === 'string'
		? collectionOf(slot, users.get(slot) ?? [])
		: productsOf(users.get(slot) ?? []).map((product) => ({
				...slot,
				displayOptions: { show: { ...slot.displayOptions?.show, ...shownFor(product).show } },
			}));

// Parameters in the order operations first list them, the collections after them.
const SLOTS = OPERATIONS.map(({ operation }) => slotsOf(operation));
const FIRST = [...new Set(SLOTS.flat())];
const ORDER = mergedOrder(
	SLOTS,
	(slot) => (typeof slot === 'string' ? FIRST.length + Object.keys(COLLECTIONS).indexOf(slot) : FIRST.indexOf(slot)),
	(slot) => (typeof slot === 'string' ? slot : slot.name),
);
const DEFINITIONS = new Map(ORDER.map((slot) => [slot, definitionsOf(slot)]));

const ROUTED = ['resource', 'operation', '/resource', '/operation'];

/**
 * Whether a definition shows for an operation. A field the route sends may depend on nothing else
 * (the route sends it whenever its operation lists it, without asking n8n what is displayed).
 */
const shows = (definition: INodeProperties, { resource, operation }: Use) => {
	const show = definition.displayOptions?.show ?? {};
	const other = Object.keys(show).find((key) => !ROUTED.includes(key));
	if (other && sendOf(definition)) throw new Error(`Leeloo node: ${definition.name} is sent, so it cannot be shown by ${other}`);
	const has = (key: string, value: string) => !show[key] || (show[key] as string[]).includes(value);
	return has('resource', resource) && has('operation', operation) && has('/resource', resource) && has('/operation', operation);
};

/** The fields an operation sends (engine/fields.ts), in the editor's order. */
function fieldsOf(resource: Pick<Resource, 'value'>, operation: Operation): Field[] {
	const use = useOf(resource, operation);
	return slotsOf(operation).flatMap((slot) =>
		(DEFINITIONS.get(slot) ?? [])
			.filter((definition) => shows(definition, use))
			.flatMap((definition): Field[] => {
				if (typeof slot !== 'string') {
					const send = sendOf(definition);
					return send ? [{ property: definition, send }] : [];
				}
				return ((definition.options ?? []) as INodeProperties[]).flatMap((option) => {
					const send = sendOf(option);
					return send && shows(option, use) ? [{ property: option, send, collection: definition }] : [];
				});
			}),
	);
}

const resourceParameter: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map(({ displayName, value }) => ({ name: displayName, value })),
	default: 'person',
};

const operationParameters: INodeProperties[] = RESOURCES.map(({ defaultOperation, ...resource }) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [resource.value] } },
	options: resource.operations.map(
		(operation): INodePropertyOptions => ({
			name: operation.name,
			value: operation.value,
			action: operation.action,
			description: operation.description,
			routing: leelooRoute(operation, fieldsOf(resource, operation), {
				map: operation.output,
				mapV1: operation.outputV1,
				recordIds: operation.recordIds,
				records: resource.records,
			}),
		}),
	),
	default: defaultOperation,
}));

// Simplify: version 1 had it for the operations with a version-1 output (people); from 1.1 every
// operation answers in the one output vocabulary (shared/response/vocabulary.ts) unless it is turned off.
const SIMPLIFY = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
} as const;

const simplifyParameters: INodeProperties[] = [
	...productsOf(OPERATIONS.filter(({ operation }) => operation.outputV1).map(({ resource, operation }) => useOf(resource, operation))).map((product) => ({
		...SIMPLIFY,
		displayOptions: { show: { '@version': [1], ...shownFor(product).show } },
	})),
	{ ...SIMPLIFY, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
];

// n8n sends a node's `toolDescription` parameter as the tool's description (else only "<action> in
// Leeloo"): one per operation, shown only in the tool variant ('@tool'); the user may edit it.
const toolDescriptionParameters: INodeProperties[] = OPERATIONS.map(({ resource, operation: { value, tool } }) => ({
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: tool,
	description: 'What the AI agent is told this tool does',
	displayOptions: { show: { '@tool': [true], resource: [resource.value], operation: [value] } },
}));

/** The node's parameters, in the editor's order. */
export const PROPERTIES: INodeProperties[] = [
	resourceParameter,
	...operationParameters,
	...ORDER.flatMap((slot) => DEFINITIONS.get(slot) ?? []),
	...simplifyParameters,
	...toolDescriptionParameters,
	pacingField,
];

/** Which mapper each operation's records take (Simplify, version 1.1), keyed `resource:operation`. */
export const OPERATION_OUTPUT: Record<string, RecordMapper> = Object.fromEntries(
	OPERATIONS.map(({ resource, operation }) => [`${resource.value}:${operation.value}`, operation.output]),
);
