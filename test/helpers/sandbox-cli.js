// `npm run sandbox` as a child process (sandbox/cli.js), for the tests of its flags and banner.
const path = require('node:path');
const { spawn } = require('node:child_process');

const CLI = path.join(__dirname, '..', '..', 'sandbox', 'cli.js');

/** Starts the CLI with `args`; resolves { child, output } once its banner is printed (15 s at most). */
async function startSandboxCli(args) {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		const output = await new Promise((resolve, reject) => {
			let text = '';
			const timer = setTimeout(() => reject(new Error(`no banner after 15 s: ${text}`)), 15000);
			child.stdout.on('data', (chunk) => {
				text += chunk;
				if (text.includes('Ctrl-C')) {
					clearTimeout(timer);
					resolve(text);
				}
			});
			child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${text}`)));
		});
		return { child, output };
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

/** SIGTERM, then the exit code; SIGKILL in any case if it is still running. */
async function stopSandboxCli(child) {
	try {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		return await exited;
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}

/** Runs the CLI with `args` to its end (15 s at most); resolves { code, stderr } (trimmed). */
async function runSandboxCli(args) {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	return await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`still running after 15 s: ${args.join(' ')}`));
		}, 15000);
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stderr: stderr.trim() });
		});
	});
}

module.exports = { startSandboxCli, stopSandboxCli, runSandboxCli, CLI };
