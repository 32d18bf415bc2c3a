'use strict';
// Small process helpers shared by the dev and e2e scripts: run a command with a time limit,
// optionally echoing its output, and wait for HTTP endpoints with a bounded number of tries.
const { spawn } = require('child_process');
const http = require('http');

// Every child is started in its own process group (so a whole tree can be stopped); the groups
// still alive when this process exits are killed, so nothing outlives a crash or Ctrl-C.
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function track(child) {
	liveGroups.add(child.pid);
	child.on('exit', () => liveGroups.delete(child.pid));
	return child;
}

function log(...args) {
	console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/**
 * Runs a command to completion. Resolves { code, stdout, stderr } (never rejects on a non-zero
 * exit: callers decide). Kills the process group when timeoutMs passes.
 */
function run(cmd, args, { cwd, env, echo = false, prefix = '', timeoutMs = 10 * 60 * 1000, input } = {}) {
	return new Promise((resolve, reject) => {
		const child = track(spawn(cmd, args, { cwd, env: env || process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] }));
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const echoLines = (chunk) => {
			if (!echo) return;
			for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`${prefix}${line}`);
		};
		child.stdout.on('data', (d) => {
			stdout += d;
			echoLines(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			echoLines(d);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: timedOut ? 'TIMEOUT' : code === null ? signal : code, stdout, stderr });
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

function killGroup(pid, signal = 'SIGTERM') {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** Fails with the command's tail of output when it did not exit 0. */
async function mustRun(cmd, args, opts = {}) {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const tail = (res.stderr + '\n' + res.stdout).trim().split('\n').slice(-30).join('\n');
		const err = new Error(`${[cmd, ...args].join(' ')} failed (exit ${res.code}):\n${tail}`);
		err.result = res;
		throw err;
	}
	return res;
}

function httpRequest(url, { method = 'GET', body, headers = {}, timeoutMs = 10000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(data !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)));
		req.on('error', reject);
		if (data !== undefined) req.write(data);
		req.end();
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns truthy when done) every intervalMs, at most timeoutMs. */
async function waitFor(check, { timeoutMs = 60000, intervalMs = 500, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (err) {
			lastError = err;
		}
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

module.exports = { log, track, run, mustRun, killGroup, httpRequest, sleep, waitFor };
