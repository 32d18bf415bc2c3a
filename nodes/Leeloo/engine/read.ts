import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { isObject } from '../../shared/objects';

// The node's one read of a parameter for an item. n8n evaluates every expression in its sandbox
// (n8n 2.x: in an isolate, about half a millisecond each), and its routing engine already
// evaluates each parameter two to four times per item before the node sees it. The commonest
// value, an expression that is exactly `{{ $json.field }}`, is taken from the item instead when the
// field holds a string or a number: the value n8n's evaluation returns for it. Anything else
// (other expressions, other types, a locator not in ID mode) is read through n8n as before.

const JSON_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

export function readParameter(ctx: IExecuteSingleFunctions, path: string, extractValue: boolean): unknown {
	const raw: unknown = ctx.getNodeParameter(path, undefined, { rawExpressions: true });
	const locator = isObject(raw) && raw.__rl === true;
	// A locator's value stands for the ID only in ID mode and when the ID is what is asked for.
	const expression = locator ? (raw.mode === 'id' && extractValue ? raw.value : undefined) : raw;
	const field = typeof expression === 'string' ? JSON_FIELD.exec(expression)?.[1] : undefined;
	if (field !== undefined) {
		const json = ctx.getInputData().json;
		const value = Object.prototype.hasOwnProperty.call(json, field) ? json[field] : undefined;
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
	}
	return ctx.getNodeParameter(path, undefined, { extractValue });
}
