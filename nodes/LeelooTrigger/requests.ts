import type { IPollFunctions } from 'n8n-workflow';
import { leelooPage, MAX_PAGE_SIZE } from '../Leeloo/shared/transport';
import type { LeelooLists } from './events';

// The trigger's only HTTP side: E10, E06 and E04 pages through the shared transport (credential,
// base URL, error guard), and the poll's time budget.

/** n8n may offer a per-poll time budget; older versions do not have it. */
type BudgetedPoll = IPollFunctions & { getPollBudgetMs?: () => number };

export function leelooLists(context: IPollFunctions): LeelooLists {
	const budgeted = context as BudgetedPoll;
	const budgetMs =
		typeof budgeted.getPollBudgetMs === 'function' ? Number(budgeted.getPollBudgetMs()) : Number.NaN;
	// The clock only measures how long this poll's requests take; the cursor never reads it.
	const started = Date.now();
	let slowest = 0;

	async function timed<T>(request: () => Promise<T>): Promise<T> {
		const sent = Date.now();
		try {
			return await request();
		} finally {
			slowest = Math.max(slowest, Date.now() - sent);
		}
	}

	return {
		pageSize: MAX_PAGE_SIZE,
		orders: async (offset) => await timed(() => leelooPage.call(context, '/orders', offset)),
		channels: async (offset, fromDay) =>
			await timed(() =>
				leelooPage.call(
					context,
					'/communication-channels',
					offset,
					MAX_PAGE_SIZE,
					fromDay ? { 'filter[last_message][from]': fromDay } : {},
				),
			),
		messages: async (channelId, offset) =>
			await timed(() =>
				leelooPage.call(context, `/communication-channels/${encodeURIComponent(channelId)}/chat-messages`, offset),
			),
		// Another request fits when the time spent plus the slowest request so far stays in budget.
		more: () => !Number.isFinite(budgetMs) || Date.now() - started + slowest < budgetMs,
	};
}
