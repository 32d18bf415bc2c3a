import type { IDataObject } from 'n8n-workflow';

// What an item's request carries from the route's steps (preSend) to the `pagination` hook that
// sends it: n8n hands the hook the options the steps returned, so the facts travel in them, under
// one key, and are taken off before the request leaves (engine/routing.ts).

export const CARRIED = 'leelooRequest';

export interface Carried {
	/** `METHOD /path` with the ids in place: what messages name. */
	target?: string;
	/** The id parameters the route read, by parameter name (`accountId`, `personId`, …). */
	ids?: Record<string, string>;
	/** Writes with the same key reach Leeloo in item order (the limiter's `inOrder`). */
	orderKey?: string;
	/** As a tool of an AI agent: the refusal that is the tool's answer instead of a request. */
	refusal?: IDataObject;
	/** Under Continue On Fail: a step's error, made the item's error item by the route. */
	failure?: Error;
	/** An operation's own plan for its requests (Person → Create or Update). */
	plan?: unknown;
}

export function carriedOf(options: object): Carried {
	return ((options as IDataObject)[CARRIED] as Carried | undefined) ?? {};
}

/** The options with `facts` added to what they carry. */
export function carry<T extends object>(options: T, facts: Carried): T {
	return { ...options, [CARRIED]: { ...carriedOf(options), ...facts } };
}

/** The options as they are sent: without what they carried. */
export function withoutCarried<T extends object>(options: T): T {
	const sent = { ...options };
	delete (sent as IDataObject)[CARRIED];
	return sent;
}
