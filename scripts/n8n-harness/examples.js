'use strict';
// The example workflows of examples/: read them and run the manual ones with `n8n execute`, for
// `npm run dev -- --smoke` and for the e2e (test-e2e/examples.js), which also checks their outputs.
const fs = require('fs');
const path = require('path');
const { REPO } = require('./n8n-install');
const { PACKAGE_NAME } = require('./n8n-runtime');
const { log } = require('./proc');

const EXAMPLES_DIR = path.join(REPO, 'examples');
/** The credential every example's Leeloo node names (`npm run dev` imports it). */
const EXAMPLE_CREDENTIAL = { id: 'leelooDevCred001', name: 'Leeloo sandbox' };

/** examples/*.json in file order. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')));
}

const isManual = (workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');

/** The items of a node's first run ({json, error}); undefined when it did not run. */
function firstRunItems(run, name) {
	const runs = run?.data?.resultData?.runData?.[name];
	return runs ? runs[0].data?.main?.[0] || [] : undefined;
}

/**
 * `n8n execute` for each example that starts with a Manual Trigger (one n8n boot each). Returns per
 * example { workflow, run, problems }: run is n8n's run data (null when there was none), problems
 * the Leeloo nodes that did not run or failed.
 */
async function runExamples(n8n, examples) {
	const outcomes = [];
	for (const workflow of examples.filter(isManual)) {
		log(`executing "${workflow.name}" (n8n execute --id=${workflow.id})…`);
		const problems = [];
		const run = await n8n.execute(workflow.id).catch((err) => {
			problems.push(`${workflow.name}: ${err.message.split('\n')[0]}`);
			return null;
		});
		const topError = run?.data?.resultData?.error;
		if (topError) problems.push(`${workflow.name}: ${topError.message}`);
		for (const node of run ? workflow.nodes.filter((x) => x.type === `${PACKAGE_NAME}.leeloo`) : []) {
			const runs = run.data?.resultData?.runData?.[node.name];
			const items = firstRunItems(run, node.name);
			if (!items) {
				problems.push(`${workflow.name}: node "${node.name}" did not run`);
				continue;
			}
			const error = runs[0].error || items.find((i) => i.json?.error)?.json;
			if (error) problems.push(`${workflow.name}: node "${node.name}" failed: ${error.message || error.error}`);
			else log(`  ${node.name}: ${items.length} item(s)${items[0] ? `, e.g. ${JSON.stringify(items[0].json).slice(0, 100)}` : ''}`);
		}
		outcomes.push({ workflow, run, problems });
	}
	return outcomes;
}

module.exports = { EXAMPLES_DIR, EXAMPLE_CREDENTIAL, readExamples, runExamples, firstRunItems };
