import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { formatUtc, parseToUtc, type LeelooDateFormat } from './dates';

// Bad input is refused before any request, naming the parameter. These run as routing preSend
// steps (or are called by them), once per item.

export type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

const ID_PATTERN = /^[0-9a-f]{24}$/i;

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'nothing' : text.length > 60 ? `"${text.slice(0, 60)}…"` : `"${text}"`;
}

export function refuse(ctx: IExecuteSingleFunctions, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex: ctx.getItemIndex() });
}

/** The 24-hex id held by a resource locator (or string) parameter. */
export function readId(ctx: IExecuteSingleFunctions, name: string, label: string): string {
	const value = ctx.getNodeParameter(name, undefined, { extractValue: true });
	const id = typeof value === 'string' ? value.trim() : value;
	if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
		refuse(
			ctx,
			`${label} must be a Leeloo ID of 24 hexadecimal characters`,
			`Parameter "${name}" got ${shown(value)}. Pick it from the list, or copy the ID from Leeloo (for example 5b3f543bb2737000133d25b0).`,
		);
	}
	return id;
}

export function validateId(name: string, label: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		readId(this, name, label);
		return options;
	};
}

/** A multi-select arrives as an array; mapped by an expression it may be comma-separated text. */
export function readList(ctx: IExecuteSingleFunctions, name: string): string[] {
	const value = ctx.getNodeParameter(name, []) as unknown;
	const list: unknown[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : String(value).split(',');
	return list.map((entry) => String(entry).trim()).filter(Boolean);
}

/** Several ids in one parameter (a list, or text separated by commas). */
export function readIdList(ctx: IExecuteSingleFunctions, name: string, label: string): string[] {
	const ids = readList(ctx, name);
	const bad = ids.find((id) => !ID_PATTERN.test(id));
	if (bad !== undefined) {
		refuse(ctx, `${label} must be Leeloo IDs of 24 hexadecimal characters`, `Parameter "${name}" contains ${shown(bad)}.`);
	}
	return ids;
}

export function requireText(name: string, label: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const value = this.getNodeParameter(name, '');
		if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) {
			refuse(this, `${label} is required`, `Parameter "${name}" is empty. Enter a value or map one from an earlier node.`);
		}
		return options;
	};
}

export function requireOneOf(name: string, label: string, allowed: readonly string[]): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const value = this.getNodeParameter(name, '');
		if (typeof value !== 'string' || !allowed.includes(value)) {
			refuse(this, `${label} must be one of ${allowed.join(', ')}`, `Parameter "${name}" got ${shown(value)}.`);
		}
		return options;
	};
}

export function requireNumber(name: string, label: string, { min = 0 } = {}): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const value = this.getNodeParameter(name, undefined);
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number) || number < min) {
			refuse(this, `${label} must be a number of at least ${min}`, `Parameter "${name}" got ${shown(value)}.`);
		}
		return options;
	};
}

/**
 * Reads a dateTime parameter in the workflow's timezone and puts it, in UTC and in the format the
 * endpoint documents, at `property` of the body or query string. An empty optional date sends nothing.
 */
export function sendDate(
	name: string,
	label: string,
	target: { type: 'body' | 'query'; property: string; format: LeelooDateFormat; required?: boolean },
): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const value = this.getNodeParameter(name, '');
		if (value === '' || value === null || value === undefined) {
			if (target.required) refuse(this, `${label} is required`, `Parameter "${name}" is empty.`);
			return options;
		}
		const date = parseToUtc(value, this.getTimezone());
		if (!date) {
			refuse(
				this,
				`${label} is not a valid date and time`,
				`Parameter "${name}" got ${shown(value)}. Use a real date such as 2024-03-22T15:30:00 (read in the workflow's timezone, ${this.getTimezone()}).`,
			);
		}
		const formatted = formatUtc(date, target.format);
		if (target.type === 'query') {
			options.qs = { ...(options.qs as IDataObject), [target.property]: formatted };
		} else {
			options.body = { ...(options.body as IDataObject), [target.property]: formatted };
		}
		return options;
	};
}

/** An options parameter sent in the body, refusing (e.g. from an expression) any value not among its own options. */
export function bodyOption(property: INodeProperties, bodyProperty: string): INodeProperties {
	const allowed = (property.options ?? []).map((option) => String((option as INodePropertyOptions).value));
	return {
		...property,
		routing: {
			send: { type: 'body', property: bodyProperty, preSend: [requireOneOf(property.name, property.displayName, allowed)] },
		},
	};
}
