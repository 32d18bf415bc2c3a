#!/usr/bin/env node
'use strict';
// Installs real n8n into the cache (see scripts/n8n-harness/n8n-install.js) and prints where it is.
// Usage: node scripts/n8n-install.js [--line 1|2|all] [--version X.Y.Z] [--update]
const { ensureN8n } = require('./n8n-harness/n8n-install');
const { log } = require('./n8n-harness/proc');

function parseArgs(argv) {
	const args = { line: process.env.N8N_LINE || '1', version: process.env.N8N_VERSION, update: process.env.N8N_UPDATE === '1' };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--line') args.line = argv[++i];
		else if (argv[i] === '--version') args.version = argv[++i];
		else if (argv[i] === '--update') args.update = true;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const lines = args.line === 'all' ? [1, 2] : [Number(args.line)];
	for (const line of lines) {
		const started = Date.now();
		const install = await ensureN8n({ line, version: args.version, update: args.update });
		log(`n8n ${install.version} with Node ${install.node.version}: ${install.node.bin} ${install.n8nBin} (${Math.round((Date.now() - started) / 1000)} s)`);
	}
}

main().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
