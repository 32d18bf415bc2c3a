#!/usr/bin/env node
'use strict';
// `npm run sandbox [-- --port 5690 --people 200 --seed 1 --token sandbox-token --rate-limit 20 --webhook-url URL --lists orders=asc]`
const { MAX_PEOPLE } = require('./data/seed');
const { startSandbox } = require('./server');

const DEFAULTS = { port: 5690, people: 200, seed: 1, token: 'sandbox-token', 'max-page-size': 100, 'latency-ms': 0, 'rate-limit': 0, 'rate-burst': undefined, 'webhook-url': null, 'webhook-events': undefined, lists: undefined };
const TEXT_FLAGS = ['token', 'webhook-url', 'webhook-events', 'lists'];
const USAGE = `Usage: npm run sandbox -- [options]

Starts the Leeloo API sandbox on 127.0.0.1 (in memory; stops on Ctrl-C).

  --port <n>            port to listen on, 0 = any free port (default ${DEFAULTS.port})
  --people <n>          seeded people, 0–${MAX_PEOPLE}; 0 = an empty account (default ${DEFAULTS.people})
  --seed <n>            data seed; same seed → same data and ids (default ${DEFAULTS.seed})
  --token <text>        API token the sandbox accepts (default ${DEFAULTS.token})
  --max-page-size <n>   largest limit a list answers with (default ${DEFAULTS['max-page-size']})
  --latency-ms <n>      added delay before every API answer, 0–10000 ms (default ${DEFAULTS['latency-ms']})
  --rate-limit <n>      token bucket per API token: n requests/s, beyond it HTTP 429 (plain text)
                        with Retry-After in seconds; 0 = no limit (default 0)
  --rate-burst <n>      bucket size: requests allowed at once (default a quarter second's worth, ≥ 1)
  --webhook-url <url>   send Leeloo's webhooks there: one JSON POST {"type","data"} per event
                        (ORDER, SALE, SUBSCRIPTION, INCOMING_MESSAGE); http://127.0.0.1 or
                        http://localhost only; a query (e.g. ?secret=abc) is kept (default: none)
  --webhook-events <l>  which of them, comma-separated, e.g. ORDER,SALE (default all four)
  --lists <k=v,…>       how the lists answer (Leeloo documents neither), e.g. orders=asc,data=named:
                          orders, messages (E10, E04)  desc = newest first (default) | asc = oldest first
                          channels (E06)               desc = newest last message first (default) | asc
                          data   (paged lists)         array = "data": […] (default) | named = "data": {"orders": […]}
                          meta   (paged lists)         full (default) | noTotal = no meta.totalCount | none = no meta
  --help                this text

Faults, the list settings, the rate limit and webhooks can also be switched while it runs (no token):
  curl -X POST <admin>/fault -H 'content-type: application/json' -d '{"mode":"processedThen502","count":1}'
    modes: rateLimit, serverError, nonJson, slow (delayMs), processedThen502 and processedThenDrop
    (writes: applied, then a 502 HTML page / a closed socket), dropConnection (closed unprocessed),
    lateAnswer (applied, answered after delayMs), reply (unprocessed, answers "status" with "body":
    a string as plain text, else JSON; default {"status":0,"error":{"code":"SANDBOX_FAULT"}}), none;
    optional count, every (n-th request), methods, path (an API path below /api/v2, exact), query
    (values the query string must hold), retryAfter (seconds, rateLimit only)
  curl -X POST <admin>/fault -H 'content-type: application/json' -d '{"mode":"reply","status":500,"path":"/orders","query":{"offset":"200"}}'
    fails E10 at offset 200 until switched off; {"mode":"serverError","every":3,"count":1} fails only the 3rd request
  curl -X POST <admin>/lists -H 'content-type: application/json' -d '{"orders":"asc","meta":"noTotal"}'
    as --lists; GET shows them; POST <admin>/reset returns to the start settings
  curl -X POST <admin>/rate-limit -H 'content-type: application/json' -d '{"perSecond":20,"burst":5}'
  curl <admin>/stats      requests, in flight, max in flight, rate-limited (DELETE resets)
  curl <admin>/sends      E05 message texts per channel in the order applied (DELETE clears)
  curl <admin>/requests   every API request recorded, in arrival order (DELETE clears)
  curl -X PUT <admin>/webhook -H 'content-type: application/json' -d '{"url":"http://127.0.0.1:5678/webhook/…?secret=abc"}'
    optional events (a subset of the four), timeoutMs (default 10000); {"url":null} switches off
  curl <admin>/webhooks   every webhook delivery: type, body, sentAt, answeredAt, status or error (DELETE clears)
  curl -X POST <admin>/webhooks/send -H 'content-type: application/json' -d '{"type":"INCOMING_MESSAGE","count":100}'
    that many new events at once (or {"raw":"not json","contentType":"text/plain"}); answers when all are answered
  Events fire on: E09 and POST <admin>/orders (ORDER), E12 to RESOLVED or an injected RESOLVED order
  (SALE), E30 and POST <admin>/subscriptions (SUBSCRIPTION), POST <admin>/messages INCOMING (INCOMING_MESSAGE).`;

function parseArgs(argv) {
	const options = { ...DEFAULTS };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const [flag, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s) : [];
		if (!flag || !(flag in DEFAULTS)) throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`Option --${flag} needs a value`);
		if (TEXT_FLAGS.includes(flag)) options[flag] = value;
		else {
			const number = Number(value);
			if (!Number.isInteger(number)) throw new Error(`Option --${flag} takes an integer, got ${value}`);
			options[flag] = number;
		}
	}
	return options;
}

/** `orders=asc,data=named` → {orders: 'asc', data: 'named'}; startSandbox checks the names and values. */
function parseLists(text) {
	if (text === undefined) return undefined;
	const pairs = text.split(',').map((pair) => pair.trim().split('='));
	if (pairs.some((pair) => pair.length !== 2)) throw new Error(`Option --lists takes key=value pairs, e.g. orders=asc,data=named; got ${text}`);
	return Object.fromEntries(pairs);
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
		rateLimit: options['rate-limit'],
		rateBurst: options['rate-burst'],
		webhookUrl: options['webhook-url'],
		webhookEvents: options['webhook-events']?.split(',').map((e) => e.trim()),
		lists: parseLists(options.lists),
	});
	const limit = options['rate-limit'] ? `, ${options['rate-limit']} requests/s` : '';
	console.log(`Leeloo sandbox ready in ${Date.now() - started} ms (seed ${options.seed}, ${options.people} people${limit})
  Base URL: ${sandbox.baseUrl}
  Token:    ${sandbox.token}
  Admin:    ${sandbox.adminUrl}/state${options['webhook-url'] ? `\n  Webhooks: ${sandbox.webhooks.view().events.join(', ')} → ${options['webhook-url']}` : ''}
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
