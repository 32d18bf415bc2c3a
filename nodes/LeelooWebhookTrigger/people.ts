import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { recordOf } from '../shared/api/envelopes';
import { leelooApiRequest } from '../shared/api/transport';

// E07: the person behind a communication channel, for events that name the channel only (an
// incoming message, as far as anyone knows). One request per channel of the request's events.

const missing = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Sets `personId` on every item that has an `accountId` but no person. A failed lookup leaves
 * `personId` null and says why in `personLookupError`: the event itself is never dropped.
 */
export async function addPersonIds(context: IWebhookFunctions, items: IDataObject[]): Promise<void> {
	const channels = [...new Set(items.filter((item) => missing(item.personId) && typeof item.accountId === 'string').map((item) => item.accountId as string))];
	const found = new Map<string, { personId: string | null; error?: string }>();
	for (const accountId of channels) {
		try {
			const body = await leelooApiRequest.call(context, 'GET', `/communication-channels/${encodeURIComponent(accountId)}/person`);
			const id = recordOf(body).id;
			found.set(accountId, typeof id === 'string' && id ? { personId: id } : { personId: null, error: 'Leeloo answered without a person ID' });
		} catch (error) {
			found.set(accountId, { personId: null, error: (error as Error).message });
		}
	}
	for (const item of items) {
		const lookup = typeof item.accountId === 'string' && missing(item.personId) ? found.get(item.accountId) : undefined;
		if (!lookup) continue;
		item.personId = lookup.personId;
		if (lookup.error) item.personLookupError = lookup.error;
	}
}
