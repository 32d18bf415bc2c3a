import { NodeApiError, NodeOperationError, type IPollFunctions, type JsonObject } from 'n8n-workflow';
import { leelooError, networkCodeOf, networkFailure } from '../shared/api/errors';
import { leelooPage, MAX_PAGE_SIZE } from '../shared/api/transport';
import { utcDay } from './cursor';
import type { LeelooLists } from './events';

// The trigger's only HTTP side: E10, E06 and E04 pages through the shared transport (credential,
// base URL, error guard), and the poll's time budget.

/** n8n 2.x offers a per-poll time budget; n8n 1.x does not. */
type BudgetedPoll = IPollFunctions & { getPollBudgetMs?: () => number };

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * What a poll may spend: n8n's budget minus a margin of its own (10 %, at least 1 s, at most half),
 * so that the last request and the hand-over fit before n8n abandons the poll. NaN: no budget.
 */
export function spendableMs(budgetMs: number): number {
	if (!Number.isFinite(budgetMs)) return Number.NaN;
	if (budgetMs <= 0) return 0;
	return budgetMs - Math.min(Math.max(budgetMs * 0.1, 1000), budgetMs / 2);
}

export function leelooLists(context: IPollFunctions): LeelooLists {
	const budgeted = context as BudgetedPoll;
	const spendable = spendableMs(
		typeof budgeted.getPollBudgetMs === 'function' ? Number(budgeted.getPollBudgetMs()) : Number.NaN,
	);
	// The clock only measures how long this poll's requests take (and, under a budget, which day
	// the baseline lists from); the cursor never reads it.
	const started = Date.now();
	let slowest = 0;

	async function timed<T>(request: () => Promise<T>): Promise<T> {
		const sent = Date.now();
		try {
			return await request();
		} catch (error) {
			// A connection that failed is Leeloo being unreachable, which n8n may wait out.
			const code = networkCodeOf(error);
			if (!code) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeApiError(context.getNode(), error as JsonObject);
			}
			throw leelooError(context.getNode(), {
				...networkFailure(code),
				description: 'The connection failed or timed out. The next poll tries again; check the Base URL of the credential if this persists.',
			});
		} finally {
			slowest = Math.max(slowest, Date.now() - sent);
		}
	}

	return {
		pageSize: MAX_PAGE_SIZE,
		// Under a budget the baseline lists only the channels active since yesterday (UTC): its cost
		// follows recent activity, not the account's size. A day of margin absorbs clock skew.
		recentDay: Number.isFinite(spendable) ? utcDay(started - DAY_MS) : undefined,
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
		more: (share = 1) => !Number.isFinite(spendable) || Date.now() - started + slowest < spendable * share,
	};
}
