import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../shared/objects';
import {
	simplifyIncomingMessageEvent,
	simplifyOrderEvent,
	simplifySaleEvent,
	simplifySubscriptionEvent,
	type RecordMapper,
} from '../shared/response/vocabulary';

// What Leeloo POSTs, as pure functions: docs/leeloo-api.md#webhooks (W1–W4). Leeloo documents
// `{"type": "ORDER", "data": {…}}` and the ORDER and SALE payloads; the type strings and payloads of
// the other two events are unpublished, so their plausible variants are all accepted.

export type WebhookEvent = 'order' | 'sale' | 'subscription' | 'incomingMessage';

export const WEBHOOK_EVENTS: WebhookEvent[] = ['order', 'sale', 'subscription', 'incomingMessage'];

/** Leeloo's `type`, folded to letters only (`INCOMING_MESSAGE`, `incoming-message` → `incomingmessage`). */
const TYPES: Record<string, WebhookEvent> = {
	order: 'order',
	neworder: 'order',
	sale: 'sale',
	newsale: 'sale',
	payment: 'sale',
	subscription: 'subscription',
	subscribe: 'subscription',
	newsubscription: 'subscription',
	subscriber: 'subscription',
	newsubscriber: 'subscription',
	message: 'incomingMessage',
	incomingmessage: 'incomingMessage',
	newmessage: 'incomingMessage',
	inboxmessage: 'incomingMessage',
	incoming: 'incomingMessage',
};

const MAPPERS: Record<WebhookEvent, RecordMapper> = {
	order: simplifyOrderEvent,
	sale: simplifySaleEvent,
	subscription: simplifySubscriptionEvent,
	incomingMessage: simplifyIncomingMessageEvent,
};

/** The package's name for a Leeloo `type`; undefined for a type it does not know. */
export function eventOf(type: string): WebhookEvent | undefined {
	return TYPES[type.toLowerCase().replace(/[^a-z]/g, '')];
}

/** One event as Leeloo sent it. */
export interface LeelooEvent {
	type: string;
	/** The payload: `data`, or the event's other fields when it has no `data` object. */
	data: IDataObject;
	raw: IDataObject;
}

export type BodyRead = { events: LeelooEvent[] } | { refusal: string };

function eventIn(value: unknown): LeelooEvent | undefined {
	if (!isObject(value) || typeof value.type !== 'string' || !value.type.trim()) return undefined;
	const { type, ...rest } = value;
	const data = isObject(rest.data) ? rest.data : rest;
	return { type: type.trim(), data, raw: value };
}

/**
 * The events in a request body: one event object, an array of them, or `{"events": [...]}`. A body
 * n8n did not parse (sent as text or without a content type) is read from its raw bytes.
 */
export function readBody(body: unknown, rawBody?: Buffer | string): BodyRead {
	let value = body;
	const parsed = isObject(value) ? Object.keys(value).length > 0 : Array.isArray(value);
	if (!parsed) {
		const text = typeof value === 'string' ? value : rawBody === undefined ? '' : rawBody.toString();
		if (!text.trim()) return { refusal: 'The request has no body: Leeloo sends a JSON object with "type" and "data"' };
		try {
			value = JSON.parse(text);
		} catch {
			return { refusal: 'The request body is not JSON: Leeloo sends a JSON object with "type" and "data"' };
		}
	}
	const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.events) ? value.events : [value];
	const events = list.map(eventIn);
	if (!events.length || events.some((event) => event === undefined)) {
		return { refusal: 'Every event needs a "type": Leeloo sends a JSON object with "type" and "data"' };
	}
	return { events: events as LeelooEvent[] };
}

/** One item's JSON: `event` plus the payload in the output vocabulary, or Leeloo's event unchanged. */
export function itemOf(event: WebhookEvent, leeloo: LeelooEvent, raw: boolean): IDataObject {
	if (raw) return leeloo.raw;
	return { event, ...MAPPERS[event](leeloo.data) };
}
