import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
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

export interface Field {
	property: SentProperty;
	send: FieldSend;
	/** The collection holding the field, if any. */
	collection?: INodeProperties;
}

/** How a parameter is sent, if it declares it. */
export const sendOf = (property: INodeProperties): FieldSend | undefined => (property as SentProperty)[SEND];

/**
 * Places an operation's fields into the request: one read of each. `fields` are those the
 * operation shows, in the editor's order (handed to its route by the assembly, nodes/Leeloo/assembly.ts).
 */
export async function placeFields(this: IExecuteSingleFunctions, options: IHttpRequestOptions, fields: Field[]): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = { ...(options.body as IDataObject) };
	const qs = { ...(options.qs as IDataObject) };
	for (const { property, send, collection } of fields) {
		if (collection) {
			const values = node.parameters[collection.name];
			if (typeof values !== 'object' || values === null || !(property.name in values)) continue;
		}
		const path = collection ? `${collection.name}.${property.name}` : property.name;
		const extractValue = property.type === 'resourceLocator' || property.extractValue !== undefined;
		const read = readParameter(this, path, extractValue);
		const value = send.convert ? send.convert(this, read) : read;
		if (value !== undefined) (send.where === 'body' ? body : qs)[send.property] = value as IDataObject[string];
	}
	return { ...options, body, qs };
}
