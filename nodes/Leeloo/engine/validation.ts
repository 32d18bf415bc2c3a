import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { formatUtc, parseToUtc, type LeelooDateFormat } from '../../shared/api/dates';
import type { Convert } from './fields';
import { carriedOf, carry } from './request';
import { isTool } from './tool';

// Bad input is refused before any request, naming the parameter. Every parameter is read once per
// item (engine/fields.ts), and a converter checks or converts that value before it is sent.

export type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

const ID_PATTERN = /^[0-9a-f]{24}$/i;

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'nothing' : text.length > 60 ? `"${text.slice(0, 60)}…"` : `"${text}"`;
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export function refuse(ctx: IExecuteSingleFunctions, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex: ctx.getItemIndex() });
}

export function checkId(ctx: IExecuteSingleFunctions, name: string, label: string, value: unknown): string {
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

/** The 24-hex id held by a resource locator (or string) parameter: the one read of that parameter. */
export function readId(ctx: IExecuteSingleFunctions, name: string, label: string): string {
	return checkId(ctx, name, label, ctx.getNodeParameter(name, undefined, { extractValue: true }));
}

export const isLeelooId = (value: unknown) => typeof value === 'string' && ID_PATTERN.test(value.trim());

/**
 * Wraps a route's step. As a tool of an AI agent a refusal becomes the tool's answer, so that
 * n8n 1.x does not stop the workflow; under Continue On Fail a step's error becomes the item's
 * error item (the one n8n would make carries no link to its input item). Either is carried in the
 * request options (engine/request.ts) to the route, which answers with it instead of sending.
 */
export function toolSafe(step: PreSend): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const carried = carriedOf(options);
		if (carried.refusal || carried.failure) return options;
		try {
			return await step.call(this, options);
		} catch (error) {
			if (error instanceof NodeOperationError && isTool(this)) {
				return carry(options, { refusal: { error: error.message, hint: error.description ?? '' } });
			}
			const failure = error instanceof NodeOperationError || error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
			if (this.continueOnFail()) return carry(options, { failure });
			throw failure;
		}
	};
}

export const text =
	(name: string, label: string, { required = false } = {}): Convert =>
	(ctx, value) => {
		if (typeof value === 'number') return value;
		if (typeof value !== 'string' || value.trim() === '') {
			if (!required) return undefined;
			refuse(ctx, `${label} is required`, `Parameter "${name}" is empty. Enter a value or map one from an earlier node.`);
		}
		return value;
	};

export const id =
	(name: string, label: string, { required = false } = {}): Convert =>
	(ctx, value) =>
		isEmpty(value) && !required ? undefined : checkId(ctx, name, label, value);

export const number =
	(name: string, label: string, { min = 0 } = {}): Convert =>
	(ctx, value) => {
		const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < min) {
			refuse(ctx, `${label} must be a number of at least ${min}`, `Parameter "${name}" got ${shown(value)}.`);
		}
		return parsed;
	};

/** A date-time read in the workflow's timezone, sent in UTC in the format the endpoint documents. */
export const date =
	(name: string, label: string, format: LeelooDateFormat, { required = false } = {}): Convert =>
	(ctx, value) => {
		if (isEmpty(value)) {
			if (required) refuse(ctx, `${label} is required`, `Parameter "${name}" is empty.`);
			return undefined;
		}
		const parsed = parseToUtc(value, ctx.getTimezone());
		if (!parsed) {
			refuse(
				ctx,
				`${label} is not a valid date and time`,
				`Parameter "${name}" got ${shown(value)}. Use a real date such as 2024-03-22T15:30:00 (read in the workflow's timezone, ${ctx.getTimezone()}).`,
			);
		}
		return formatUtc(parsed, format);
	};

/** A multi-select arrives as an array; mapped by an expression it may be comma-separated text. */
export function listOfValue(value: unknown): string[] {
	const list: unknown[] = Array.isArray(value) ? value : isEmpty(value) ? [] : String(value).split(',');
	return list.map((entry) => String(entry).trim()).filter(Boolean);
}

export const list =
	(): Convert =>
	(_ctx, value) => {
		const entries = listOfValue(value);
		return entries.length ? entries : undefined;
	};

export const idList =
	(name: string, label: string): Convert =>
	(ctx, value) => {
		const ids = listOfValue(value);
		const bad = ids.find((entry) => !ID_PATTERN.test(entry));
		if (bad !== undefined) {
			refuse(ctx, `${label} must be Leeloo IDs of 24 hexadecimal characters`, `Parameter "${name}" contains ${shown(bad)}.`);
		}
		return ids.length ? ids : undefined;
	};

export const oneOf =
	(name: string, label: string, allowed: readonly string[]): Convert =>
	(ctx, value) => {
		if (typeof value !== 'string' || !allowed.includes(value)) {
			refuse(ctx, `${label} must be one of ${allowed.join(', ')}`, `Parameter "${name}" got ${shown(value)}.`);
		}
		return value;
	};

/** A fixedCollection of `{key, value}` rows (E03 variables, E15 custom fields) as one JSON object. */
export const keyValues =
	(name: string, label: string, rowsName: string): Convert =>
	(ctx, value) => {
		const rows = ((value as IDataObject | undefined)?.[rowsName] ?? []) as Array<{ key?: string; value?: unknown }>;
		if (!rows.length) return undefined;
		const object: IDataObject = {};
		for (const row of rows) {
			const key = typeof row.key === 'string' ? row.key.trim() : '';
			if (!key) {
				refuse(ctx, `${label}: every row needs a key`, `A row of parameter "${name}" has an empty key. Fill it in or remove the row.`);
			}
			object[key] = row.value as IDataObject[string];
		}
		return object;
	};

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone number of 7 to 15 digits (E.164), sent as digits with the leading + it was given (spaces, dashes, dots, brackets dropped). */
export const phoneNumber =
	(name: string, label: string): Convert =>
	(ctx, value) => {
		if (isEmpty(value)) return undefined;
		const given = String(value).trim();
		const digits = given.replace(/\D/g, '');
		if (!PHONE_CHARACTERS.test(given) || digits.length < 7 || digits.length > 15) {
			refuse(ctx, `${label} must be a phone number`, `Parameter "${name}" got ${shown(value)}. Use the international format: + and the country code, then the number (for example +380966565556).`);
		}
		return `${given.startsWith('+') ? '+' : ''}${digits}`;
	};

export const emailAddress =
	(name: string, label: string): Convert =>
	(ctx, value) => {
		if (isEmpty(value)) return undefined;
		const given = String(value).trim();
		if (!EMAIL_PATTERN.test(given)) refuse(ctx, `${label} must be an email address`, `Parameter "${name}" got ${shown(value)}. Use an address such as name@example.com.`);
		return given;
	};
