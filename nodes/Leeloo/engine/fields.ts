import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { readParameter } from './read';

// How the fields of an operation reach its request: each field declares where it goes (`sendAs`),
// and the route reads every field shown for the item once and places it, checked or converted.
// n8n's own `routing.send` would do the same, but n8n 2.x reads such a field twice per item
// (once more to resolve the base URL), besides evaluating it in its loop over the definitions.

export const SEND = 'leelooSend';

/** Checks or converts a parameter's value; undefined leaves the property out of the request. */
export type Convert = (ctx: IExecuteSingleFunctions, value: unknown) => unknown;

export interface FieldSend {
	where: 'body' | 'query';
	/** The body or query property, e.g. `filter[phone]` (not a path: sent under this exact key). */
	property: string;
	convert?: Convert;
}

export type SentProperty = INodeProperties & { [SEND]?: FieldSend };

/** Spread into a parameter: send its value at `property` of the body or query, through `convert`. */
export function sendAs(where: 'body' | 'query', property: string, convert?: Convert): { [SEND]: FieldSend } {
	return { [SEND]: { where, property, convert } };
}

interface Field {
	property: SentProperty;
	send: FieldSend;
	/** The collection holding the field, if any. */
	collection?: INodeProperties;
}

let description: Pick<INodeTypeDescription, 'properties'> | undefined;
let fields: Field[] = [];

/** The node's parameters, once: every field that declares how it is sent, also inside collections. */
export function registerFields(node: Pick<INodeTypeDescription, 'properties'>): void {
	description = node;
	fields = node.properties.flatMap((property): Field[] => {
		const own = (property as SentProperty)[SEND];
		if (own) return [{ property, send: own }];
		if (property.type !== 'collection') return [];
		return ((property.options ?? []) as SentProperty[]).flatMap((option) => (option[SEND] ? [{ property: option, send: option[SEND], collection: property }] : []));
	});
}

/** Places every field shown for this item into the request: one read of each. */
export async function placeFields(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const shown = (property: INodeProperties) =>
		NodeHelpers.displayParameter(node.parameters, property, node, description as INodeTypeDescription, node.parameters);
	const body = { ...(options.body as IDataObject) };
	const qs = { ...(options.qs as IDataObject) };
	for (const { property, send, collection } of fields) {
		if (collection) {
			const values = node.parameters[collection.name];
			if (typeof values !== 'object' || values === null || !(property.name in values) || !shown(collection)) continue;
		}
		if (!shown(property)) continue;
		const path = collection ? `${collection.name}.${property.name}` : property.name;
		const extractValue = property.type === 'resourceLocator' || property.extractValue !== undefined;
		const read = readParameter(this, path, extractValue);
		const value = send.convert ? send.convert(this, read) : read;
		if (value !== undefined) (send.where === 'body' ? body : qs)[send.property] = value as IDataObject[string];
	}
	return { ...options, body, qs };
}
