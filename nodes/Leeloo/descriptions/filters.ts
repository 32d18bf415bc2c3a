import type { INodeProperties } from 'n8n-workflow';
import { sendAs } from '../engine/fields';
import { date } from '../engine/validation';

/** The Last Message From / To filters of E06 and E13: dates sent as UTC days in `filter[last_message]`. */
export function lastMessageFilters(): INodeProperties[] {
	return (
		[
			['lastMessageFrom', 'Last Message From', 'from', 'on or after'],
			['lastMessageTo', 'Last Message To', 'to', 'on or before'],
		] as const
	).map(([name, displayName, bound, relation]) => ({
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description: `Only records whose last message is ${relation} this day (read in the workflow timezone, sent as a UTC day)`,
		...sendAs('query', `filter[last_message][${bound}]`, date(`filters.${name}`, displayName, 'day')),
	}));
}
