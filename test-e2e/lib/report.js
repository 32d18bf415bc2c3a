'use strict';
// Pass/fail per check for the e2e scripts, and the summary table they print at the end.

/** Per check: ok (undefined until passed or failed; a failure sticks), problems, notes. */
class Results {
	constructor() {
		this.map = new Map();
	}
	fail(check, detail) {
		const r = this.get(check);
		r.ok = false;
		r.problems.push(detail);
	}
	pass(check) {
		const r = this.get(check);
		if (r.ok === undefined) r.ok = true;
	}
	/** A line printed under the table whatever the outcome. */
	note(check, text) {
		this.get(check).notes.push(text);
	}
	get(check) {
		if (!this.map.has(check)) this.map.set(check, { ok: undefined, problems: [], notes: [] });
		return this.map.get(check);
	}
	/** Runs fn(fail); passes the check when fn reported nothing; a throw is a failure too. */
	check(check, fn) {
		try {
			fn((detail) => this.fail(check, detail));
		} catch (err) {
			this.fail(check, `check crashed: ${err.message}`);
		}
		this.pass(check);
	}
}

/**
 * Prints one column per run ({ label, results, timings }) and one row per check ([key,
 * description]), then a "seconds (a/b/…)" row of `seconds` timings and the extra `rows`
 * ([description, (run) => cell]), then notes and problems, then "N passed, M failed".
 * Returns the number of failed checks.
 */
function printSummary(checks, runs, { title = 'check', seconds = [], rows = [] } = {}) {
	const width = Math.max(...checks.map(([, d]) => d.length));
	const colW = runs.map((r) => Math.max(r.label.length, 6));
	const row = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padEnd(colW[i - 1]))).join(' | ');
	const status = (x) => (x.ok === true ? 'pass' : x.ok === false ? 'FAIL' : 'not run');
	console.log('\n' + row([title, ...runs.map((r) => r.label)]));
	console.log(row(['-'.repeat(width), ...colW.map((w) => '-'.repeat(w))]));
	for (const [check, description] of checks) console.log(row([description, ...runs.map((r) => status(r.results.get(check)))]));
	const extra = [...(seconds.length ? [[`seconds (${seconds.join('/')})`, (r) => seconds.map((k) => r.timings[k] ?? '-').join('/')]] : []), ...rows];
	for (const [description, cell] of extra) console.log(row([description, ...runs.map(cell)]));
	let failures = 0;
	for (const r of runs) {
		for (const [check] of checks) {
			const x = r.results.get(check);
			for (const note of x.notes) console.log(`${r.label} · ${check}: ${note}`);
			if (x.ok !== true) {
				failures += 1;
				console.log(`\n${r.label} · ${check}:\n  ${(x.problems.length ? x.problems : ['not run']).join('\n  ')}`);
			}
		}
	}
	console.log(`\n${runs.length * checks.length - failures} passed, ${failures} failed`);
	return failures;
}

module.exports = { Results, printSummary };
