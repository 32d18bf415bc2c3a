#!/usr/bin/env node
'use strict';
// `npm run sandbox [-- --port 5690 --people 200 --seed 1 --token sandbox-token]`
const { MAX_PEOPLE } = require('./data/seed');
const { startSandbox } = require('./server');

const DEFAULTS = { port: 5690, people: 200, seed: 1, token: 'sandbox-token', 'max-page-size': 100, 'latency-ms': 0 };
const USAGE = `Usage: npm run sandbox -- [options]

Starts the Leeloo API sandbox on 127.0.0.1 (in memory; stops on Ctrl-C).

  --port <n>            port to listen on, 0 = any free port (default ${DEFAULTS.port})
  --people <n>          seeded people, 1–${MAX_PEOPLE} (default ${DEFAULTS.people})
  --seed <n>            data seed; same seed → same data and ids (default ${DEFAULTS.seed})
  --token <text>        API token the sandbox accepts (default ${DEFAULTS.token})
  --max-page-size <n>   largest limit a list answers with (default ${DEFAULTS['max-page-size']})
  --latency-ms <n>      added delay before every API answer, 0–10000 ms (default ${DEFAULTS['latency-ms']})
  --help                this text`;

function parseArgs(argv) {
	const options = { ...DEFAULTS };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const [flag, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s) : [];
		if (!flag || !(flag in DEFAULTS)) throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`Option --${flag} needs a value`);
		if (flag === 'token') options.token = value;
		else {
			const number = Number(value);
			if (!Number.isInteger(number)) throw new Error(`Option --${flag} takes an integer, got ${value}`);
			options[flag] = number;
		}
	}
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(USAGE);
		return;
	}
	const started = Date.now();
	const sandbox = await startSandbox({
		port: options.port,
		people: options.people,
		seed: options.seed,
		token: options.token,
		maxPageSize: options['max-page-size'],
		latencyMs: options['latency-ms'],
	});
	console.log(`Leeloo sandbox ready in ${Date.now() - started} ms (seed ${options.seed}, ${options.people} people)
  Base URL: ${sandbox.baseUrl}
  Token:    ${sandbox.token}
  Admin:    ${sandbox.adminUrl}/state
Press Ctrl-C to stop.`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.code === 'EADDRINUSE' ? `Port in use: ${error.message}. Try --port 0 for any free port.` : error.message);
	process.exit(1);
});
