const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const PERSON = '5b3f543bb2737000133d25b0';
const TAG = '5e3bf3fdb70492000f72cd6c';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

describe('tag', () => {
	test('E20 getAll lists tags from a plain array', async () => {
		const scope = nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } })
			.get('/tags')
			.reply(200, { data: [{ id: TAG, name: 'vip' }, { id: '5e18a2a3ed0b7a000d6c948f', name: 'new' }], status: 1 });
		const { items, error } = await runNode({ parameters: { resource: 'tag', operation: 'getAll' } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ id: TAG, name: 'vip' }, { id: '5e18a2a3ed0b7a000d6c948f', name: 'new' }]);
		scope.done();
	});

	test('E22 addToPerson sends the tag in a JSON body', async () => {
		nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } })
			.put(`/people/${PERSON}/add-tag`, { tag_id: TAG })
			.reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			parameters: { resource: 'tag', operation: 'addToPerson', personId: rl(PERSON), tagId: rl(TAG, 'list') },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});
});
