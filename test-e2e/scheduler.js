#!/usr/bin/env node
'use strict';
// npm run test:scheduler — the Leeloo Trigger under n8n 2.x's durable scheduler, on the newest
// n8n 2.x that installs, with and without durable cursors (both variants run at the same time,
// each with its own n8n, sandbox and recorder, all on 127.0.0.1, sqlite).
//
// Per variant: two published workflows (New Order, New Message; trigger version 1.1 → HTTP
// Request to a local recorder), each trigger polling once a minute (the shortest schedule n8n
// accepts, on both schedulers) at its own second, so the two alternate every 30 s. Then:
//   1. boot: the activation poll takes the baseline; events W1 are injected right after it;
//   2. one poll answered 429, the next one 502, the next one an HTML page with HTTP 200;
//   3. events W2; both triggers' next polls hang (a late answer): the first is abandoned by
//      N8N_SCHEDULER_POLL_TIMEOUT, and n8n is killed with SIGKILL while the second is in flight;
//   4. events W3 while n8n is down; restart; every incoming message and order of W1–W3 must
//      arrive exactly once (an outgoing message never), nothing else.
//
// Env: E2E_KEEP=1 keeps the user folders · N8N_UPDATE=1 looks for a newer n8n 2.x.
const { log, killGroup, waitFor, sleep } = require('../scripts/n8n-harness/proc');
const { node, CREDENTIAL } = require('./workflows');
const { withStage, runScript, installLine, admin } = require('./lib/stage');

const SCHEDULER_FLAGS = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	// Short, so that a hanging poll is abandoned within the run (default 45 s).
	N8N_SCHEDULER_POLL_TIMEOUT: '20',
	// With the metadata: the backoff log lines name the failure cause the trigger declared.
	N8N_LOG_FORMAT: 'json',
};
// n8n backs a failing poll off only with durable cursors (PollBackoffService), by the declared
// cause: for a 429 and a 502 n8n would find the same cause from the status alone, for a non-JSON
// answer with HTTP 200 only the trigger's declaration says 'temporarily-unavailable'.
const VARIANTS = [
	{ key: 'plain', label: 'durable scheduler', env: {}, backoffCauses: [] },
	{ key: 'cursors', label: 'durable scheduler + durable cursors', env: { N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true' }, backoffCauses: ['rate-limited', 'temporarily-unavailable', 'temporarily-unavailable'] },
];
const TRIGGERS = [
	{ event: 'newOrder', id: 'schedLeelooOrder', name: 'Leeloo orders', second: 10 },
	{ event: 'newMessage', id: 'schedLeelooMsgs', name: 'Leeloo messages', second: 40 },
];
const TRIGGER_NODE = 'Leeloo Trigger';
const FAULT_WAIT_MS = 80000; // a poll comes every 30 s (two triggers); a missed one is skipped
const DELIVERY_WAIT_MS = 180000;
const HANG_MS = 25000; // longer than the poll timeout, shorter than the 30 s between polls
const SCRIPT_LIMIT_MS = 9 * 60 * 1000;

function workflowOf(trigger, recorderUrl) {
	const pollTimes = { item: [{ mode: 'custom', cronExpression: `${trigger.second} * * * * *` }] };
	const record = `={{ JSON.stringify({ event: "${trigger.event}", item: $json }) }}`;
	return {
		id: trigger.id,
		name: trigger.name,
		active: false,
		nodes: [
			node(TRIGGER_NODE, 'n8n-nodes-leeloo.leelooTrigger', 1.1, { pollTimes, event: trigger.event, options: {} }, [0, 0], {
				credentials: { leelooApi: CREDENTIAL },
			}),
			node('Record', 'n8n-nodes-base.httpRequest', 4.2, { method: 'POST', url: `${recorderUrl}/${trigger.event}`, sendBody: true, specifyBody: 'json', jsonBody: record, options: {} }, [220, 0]),
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** One wave of events: two incoming messages (two channels), one outgoing message, two orders. */
async function inject(sandbox, wave, channels) {
	return {
		newMessage: [
			await admin(sandbox, 'POST', '/messages', { text: `${wave} message 1`, accountId: channels[0] }),
			await admin(sandbox, 'POST', '/messages', { text: `${wave} message 2`, accountId: channels[1] }),
		],
		outgoing: [await admin(sandbox, 'POST', '/messages', { text: `${wave} outgoing`, accountId: channels[0], direction: 'OUTGOING' })],
		newOrder: [
			await admin(sandbox, 'POST', '/orders', { title: `${wave} order 1`, price: 10 }),
			await admin(sandbox, 'POST', '/orders', { title: `${wave} order 2`, price: 20 }),
		],
	};
}

/** Switches a fault on for the next `count` GETs and waits until they were answered with it. */
async function fault(sandbox, mode, count, extra = {}) {
	const before = sandbox.requests.filter((r) => r.fault === mode).length;
	await admin(sandbox, 'POST', '/fault', { mode, count, methods: ['GET'], ...extra });
	const hit = await waitFor(() => {
		const now = sandbox.requests.filter((r) => r.fault === mode);
		return now.length - before >= count ? now.slice(before) : false;
	}, { timeoutMs: FAULT_WAIT_MS, intervalMs: 200, what: `${count} trigger request(s) answered with fault ${mode}` });
	return hit.map((r) => r.path);
}

async function staticDataOf(n8n, id) {
	const rows = await n8n.query('SELECT staticData FROM workflow_entity WHERE id = ?', [id]);
	return rows[0]?.staticData ? JSON.parse(rows[0].staticData) : {};
}

/** The durable cursors table, when this n8n has one: workflowId → cursor JSON. */
async function pollerCursors(n8n) {
	try {
		const rows = await n8n.query('SELECT workflowId, cursor FROM poller_state');
		return Object.fromEntries(rows.map((r) => [r.workflowId, r.cursor]));
	} catch {
		return {};
	}
}

/** Failure causes of n8n's "Poll failed; backing off" log lines (JSON log format), in order. */
function backoffCauses(output) {
	const causes = [];
	for (const line of String(output).split('\n')) {
		if (!line.includes('Poll failed; backing off')) continue;
		try {
			const entry = JSON.parse(line);
			causes.push(String(entry.metadata?.cause ?? entry.cause ?? 'none'));
		} catch {
			causes.push('unreadable');
		}
	}
	return causes;
}

async function sigkill(n8n) {
	const child = n8n.child;
	n8n.child = null;
	killGroup(child.pid, 'SIGKILL');
	await Promise.race([n8n.exitPromise, sleep(10000)]);
}

async function runVariant(variant, install, tgz) {
	const t0 = Date.now();
	const say = (...args) => log(`[${variant.key}]`, ...args);
	const problems = [];
	const figures = {};
	let n8n;
	const options = {
		install,
		tgz,
		sandbox: { people: 250, seed: 1 },
		extraEnv: { ...SCHEDULER_FLAGS, ...variant.env },
		logPrefix: `[n8n ${install.version} ${variant.key}] `,
		prefix: `leeloo-scheduler-${variant.key}-`,
	};
	try {
		await withStage(options, async (stage) => {
			const { sandbox, recorder } = stage;
			n8n = stage.n8n;
			await n8n.importWorkflows(TRIGGERS.map((t) => workflowOf(t, recorder.url)));
			for (const t of TRIGGERS) await n8n.activate(t.id);
			const channels = sandbox.store.channels.slice(0, 2).map((c) => c.id);
			say(`set up in ${Math.round((Date.now() - t0) / 1000)} s; starting n8n`);

			// 1. Activation: the baseline is kept in the node's cursor, or — where n8n drops the
			// activation poll's cursor (durable cursors) — in the anchor in the global static data.
			await n8n.start();
			const kept = await waitFor(async () => {
				const found = {};
				for (const t of TRIGGERS) {
					const data = await staticDataOf(n8n, t.id);
					const cursor = data[`node:${TRIGGER_NODE}`]?.leelooCursor;
					const anchor = Object.values(data.global?.leelooBaselines ?? {})[0];
					if (!cursor && !anchor) return false;
					found[t.event] = cursor ? 'node cursor' : 'anchor only';
				}
				return found;
			}, { timeoutMs: 60000, intervalMs: 1000, what: 'both baselines saved by the activation polls' });
			figures.baseline = kept;
			figures.activationCursor = await pollerCursors(n8n);
			say('baselines after activation:', JSON.stringify(kept), 'poller_state:', JSON.stringify(figures.activationCursor));
			const waves = [await inject(sandbox, 'W1', channels)];

			// 2. A 429, a 502 (processed, answered with an HTML 502 page), an HTML page with HTTP 200.
			figures.rateLimited = await fault(sandbox, 'rateLimit', 1);
			figures.badGateway = await fault(sandbox, 'processedThen502', 1);
			figures.notJson = await fault(sandbox, 'nonJson', 1);
			await sleep(2000); // the failed poll records its backoff
			figures.backoffCauses = backoffCauses(n8n.output);
			say('429 on', figures.rateLimited.join(', '), '· 502 on', figures.badGateway.join(', '), '· HTML on', figures.notJson.join(', '), '· n8n backed off for', figures.backoffCauses.join(', ') || 'nothing');

			// 3. Both triggers' next polls hang; kill n8n while the second one is in flight.
			waves.push(await inject(sandbox, 'W2', channels));
			// One at a time: an abandoned poll goes on in the background and may take the second one.
			figures.hung = [...(await fault(sandbox, 'lateAnswer', 1, { delayMs: HANG_MS })), ...(await fault(sandbox, 'lateAnswer', 1, { delayMs: HANG_MS }))];
			await sleep(1000);
			figures.abandonedPolls = (n8n.output.match(/Poll exceeded its timeout and was abandoned/g) || []).length;
			await sigkill(n8n);
			say(`SIGKILL while polling (${figures.abandonedPolls} poll(s) abandoned by the poll timeout before)`);

			// 4. Events while n8n is down; restart; everything arrives once.
			waves.push(await inject(sandbox, 'W3', channels));
			await admin(sandbox, 'POST', '/fault', { mode: 'none' });
			const restarted = Date.now();
			await n8n.start();
			const expected = Object.fromEntries(TRIGGERS.map((t) => [t.event, waves.flatMap((w) => w[t.event]).map((e) => e.id)]));
			const got = (event) => recorder.events.filter((e) => e.event === event).map((e) => e.item);
			await waitFor(() => TRIGGERS.every((t) => new Set(got(t.event).map((i) => i.id)).size >= expected[t.event].length), {
				timeoutMs: DELIVERY_WAIT_MS,
				intervalMs: 500,
				what: `all events delivered after the restart (got ${TRIGGERS.map((t) => `${got(t.event).length}/${expected[t.event].length} ${t.event}`).join(', ')})`,
			}).catch((err) => problems.push(err.message));
			figures.deliveredAfterRestartS = Math.round((Date.now() - restarted) / 1000);
			await sleep(5000); // room for a duplicate to show up
			await n8n.stop();

			const outgoing = new Set(waves.flatMap((w) => w.outgoing).map((e) => e.id));
			for (const t of TRIGGERS) {
				const items = got(t.event);
				const ids = items.map((i) => i.id);
				const counts = new Map();
				for (const id of ids) counts.set(id, (counts.get(id) || 0) + 1);
				const lost = expected[t.event].filter((id) => !counts.has(id));
				const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
				const unexpected = ids.filter((id) => !expected[t.event].includes(id));
				figures[t.event] = { expected: expected[t.event].length, delivered: ids.length, lost: lost.length, duplicated: duplicated.length, unexpected: unexpected.length };
				if (lost.length) problems.push(`${t.event}: lost ${lost.length} of ${expected[t.event].length} (${lost.join(', ')})`);
				if (duplicated.length) problems.push(`${t.event}: delivered more than once: ${duplicated.join(', ')}`);
				if (unexpected.length) problems.push(`${t.event}: unexpected items ${unexpected.join(', ')}${unexpected.some((id) => outgoing.has(id)) ? ' (outgoing messages)' : ''}`);
				// Version 1.1 items: the package's output vocabulary.
				const odd = items.filter((i) => JSON.stringify(i).includes('NOT_DEFINED') || (t.event === 'newMessage' && !/^[0-9a-f]{24}$/.test(i.accountId || '')) || 'person_id' in i);
				if (odd.length) problems.push(`${t.event}: items outside the output vocabulary, e.g. ${JSON.stringify(odd[0]).slice(0, 200)}`);
			}
			const executions = await n8n.query(
				`SELECT status, COUNT(*) AS n FROM execution_entity WHERE workflowId IN (${TRIGGERS.map(() => '?').join(',')}) GROUP BY status`,
				TRIGGERS.map((t) => t.id),
			);
			figures.executions = Object.fromEntries(executions.map((r) => [r.status, r.n]));
			if (JSON.stringify(figures.backoffCauses) !== JSON.stringify(variant.backoffCauses)) {
				problems.push(`n8n backed off for ${JSON.stringify(figures.backoffCauses)}, expected ${JSON.stringify(variant.backoffCauses)} (429, 502, HTML)`);
			}
		});
	} catch (err) {
		problems.push(`run aborted: ${err.stack || err.message}\n${String(n8n?.output || '').trim().split('\n').slice(-30).join('\n')}`);
	}
	figures.seconds = Math.round((Date.now() - t0) / 1000);
	return { variant, problems, figures };
}

/** The variants side by side on one n8n install, each with its own n8n, sandbox and recorder. */
async function runLine(line, tgz) {
	const install = await installLine(line);
	log(`variants: ${VARIANTS.map((v) => v.label).join(' | ')}`);
	return { install, variants: await Promise.all(VARIANTS.map((v) => runVariant(v, install, tgz))) };
}

function report(runs) {
	let passed = 0;
	let failed = 0;
	for (const { install, variants } of runs) {
		for (const { variant, problems, figures } of variants) {
			console.log(`\n${problems.length ? 'FAIL' : 'pass'} · n8n ${install.version} · ${variant.label}`);
			console.log(`  ${JSON.stringify(figures)}`);
			for (const p of problems) console.log(`  - ${p}`);
			if (problems.length) failed += 1;
			else passed += 1;
		}
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	return failed;
}

runScript({ name: 'test:scheduler', lines: [2], runLine, report, limitMs: SCRIPT_LIMIT_MS });
