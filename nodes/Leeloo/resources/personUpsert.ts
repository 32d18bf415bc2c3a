import type { IDataObject, IExecuteSingleFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listOf, MAX_PAGE_SIZE, recordOf } from '../../shared/api/envelopes';
import { isObject } from '../../shared/objects';
import { readPages } from '../engine/pagination';
import { carriedOf, carry, withoutCarried } from '../engine/request';
import { oncePerRun, type Perform, type Route } from '../engine/routing';
import { isLeelooId, oneOf, refuse } from '../engine/validation';
import { tagNamed } from './tag';

// Person → Create or Update (docs/leeloo-api.md#upsert): find the person by phone or email (E13),
// then update them (E15, tags added with E22) or create them (E16, custom fields then with E15),
// and read the result back (E14). Each request goes through the run's one request path
// (engine/routing.ts). Items of a run with the same phone or email run one after another, and the
// person the first one found or created is remembered for the run, so a run never creates two.

type MatchBy = 'email' | 'phone';
type MultipleMatches = 'error' | 'updateAll';

/** What the route's step read and checked, before any request. */
interface Plan {
	matchBy: MatchBy;
	/** The match value as sent (a phone compacted, an email trimmed). */
	value: string;
	/** The match value for this run's bookkeeping: a phone as + and digits, an email in lower case. */
	key: string;
	multipleMatches: MultipleMatches;
	/** `name`, `phone`, `email`, `tags`, `custom_fields` as the fields were placed (engine/fields.ts). */
	fields: IDataObject;
}

const LABELS: Record<MatchBy, string> = { email: 'Email', phone: 'Phone' };

const keyOf = (matchBy: MatchBy, value: string) => (matchBy === 'phone' ? `+${value.replace(/\D/g, '')}` : value.toLowerCase());

async function plan(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const matchBy = oneOf('matchBy', 'Match By', ['email', 'phone'])(this, this.getNodeParameter('matchBy', 'phone')) as MatchBy;
	const multipleMatches = oneOf('options.multipleMatches', 'Multiple Matches', ['error', 'updateAll'])(
		this,
		this.getNodeParameter('options.multipleMatches', 'error'),
	) as MultipleMatches;
	const fields = { ...(options.body as IDataObject) };
	const value = fields[matchBy];
	if (typeof value !== 'string') {
		refuse(this, `${LABELS[matchBy]} is required`, `Parameter "${matchBy}" is empty. It identifies the person (Match By: ${LABELS[matchBy]}); enter a value or map one from an earlier node.`);
	}
	const planned: Plan = { matchBy, value, key: keyOf(matchBy, value), multipleMatches, fields };
	return carry({ ...options, body: {} }, { plan: planned });
}

/** The person ids each match key found or created in this run. */
const peopleByKey = new WeakMap<object, Map<string, string[]>>();
const tagLists = new WeakMap<object, Promise<IDataObject[]>>();

const personIdOf = (body: unknown): string | undefined => {
	const data = isObject(body) ? body.data : undefined;
	const id = isObject(data) ? (data.person_id ?? data.personId) : undefined;
	return isLeelooId(id) ? String(id) : undefined;
};

const named = (people: IDataObject[]) => {
	const shown = people.slice(0, 5).map((person) => `${typeof person.name === 'string' ? person.name : '(no name)'} (${String(person.id)})`);
	return `${shown.join(', ')}${people.length > 5 ? ` and ${people.length - 5} more` : ''}`;
};

const perform: Perform = async function (requestData, { request, inOrder, present }) {
	const base = withoutCarried(requestData.options);
	const { matchBy, value, key, multipleMatches, fields } = carriedOf(requestData.options).plan as Plan;
	const about = `the ${matchBy} ${value}`;
	const send = async (method: IHttpRequestMethods, url: string, { qs = {}, body }: { qs?: IDataObject; body?: IDataObject } = {}, subject?: string) =>
		await request({ ...base, method, url, qs, body } as IHttpRequestOptions, subject);
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(this.getNode(), message, { description, itemIndex: this.getItemIndex() });
	};

	const find = async () =>
		await readPages(MAX_PAGE_SIZE, async (limit, offset) => await send('GET', '/people', { qs: { [`filter[${matchBy}]`]: value, limit, offset } }));

	const match = async (): Promise<string[]> => {
		const found = await find();
		if (found.length > 1 && multipleMatches === 'error') {
			fail(
				`${found.length} people in Leeloo have ${about}: ${named(found)}`,
				`Create or Update changes one person, and it cannot tell which. Merge them in Leeloo, or set Options → Multiple Matches to "Update All".`,
			);
		}
		return found.map((person) => String(person.id));
	};

	const known = oncePerRun(peopleByKey, this, () => new Map<string, string[]>());

	const create = async (): Promise<string> => {
		const { custom_fields: customFields, ...body } = fields;
		if (body.name === undefined) {
			refuse(this, 'Name is required to create a person', `No person in Leeloo has ${about}, so one is created, and it needs a name. Parameter "name" is empty.`);
		}
		let id = personIdOf(await send('POST', '/people', { body }));
		if (!id) {
			// E16 sometimes answers `data: {}`: the new person is then found as any other.
			const found = await find();
			if (found.length !== 1 || !isLeelooId(found[0].id)) {
				fail(
					`Leeloo created the person but did not say their ID, and ${found.length} people have ${about}`,
					'The person was created. Check them in Leeloo before running this item again.',
				);
			}
			id = String(found[0].id);
		}
		known.set(key, [id]);
		if (customFields) await send('PUT', `/people/${id}`, { body: { custom_fields: customFields } }, `Person ${id}`);
		return id;
	};

	const tagIdsOf = async (names: string[]): Promise<string[]> => {
		const tags = await oncePerRun(tagLists, this, async () => listOf(((await send('GET', '/tags')) as IDataObject | undefined)?.data));
		return names.map((name) => {
			const tag = tagNamed(tags, name);
			if (!tag || typeof tag.id !== 'string') {
				refuse(this, `Tag "${name}" was not found in Leeloo`, `Parameter "additionalFields.tags" names a tag this account does not have, and a person who is found gets existing tags only. Use a tag's exact name (Tag → Get Many lists them).`);
			}
			return tag.id;
		});
	};

	const update = async (ids: string[]) => {
		const other: MatchBy = matchBy === 'phone' ? 'email' : 'phone';
		const body = Object.fromEntries(Object.entries({ name: fields.name, [other]: fields[other], custom_fields: fields.custom_fields }).filter(([, field]) => field !== undefined));
		// Every tag is looked up before the first write, so an unknown one changes nothing.
		const tagIds = fields.tags ? await tagIdsOf(fields.tags as string[]) : [];
		for (const id of ids) {
			if (Object.keys(body).length) await send('PUT', `/people/${id}`, { body }, `Person ${id}`);
			for (const tagId of tagIds) await send('PUT', `/people/${id}/add-tag`, { body: { tag_id: tagId } }, `Person ${id}`);
		}
	};

	return await inOrder(`upsert ${matchBy} ${key}`, async () => {
		let ids = known.get(key) ?? (await match());
		const created = !ids.length;
		if (created) ids = [await create()];
		else {
			known.set(key, ids);
			await update(ids);
		}
		const people = [];
		for (const id of ids) people.push({ json: recordOf(await send('GET', `/people/${id}`, {}, `Person ${id}`)) });
		const items = await present(people);
		return items.map((item) => ({ ...item, json: { ...item.json, upsert: created ? 'created' : 'updated' } }));
	});
};

/** How Person → Create or Update differs from a route that sends one request: its fields are placed as for any write, then `plan` checks them, and `perform` makes the requests. */
export const upsert: Pick<Route, 'preSend' | 'perform'> = { preSend: [plan], perform };
