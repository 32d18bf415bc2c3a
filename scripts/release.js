#!/usr/bin/env node
'use strict';
// Releases are published only by .github/workflows/publish.yml: n8n accepts a community package
// only with npm provenance from a CI run. This script never publishes.
//
//   npm run release [-- --dry-run]   checks the release rules and a clean git tree, then lint, a
//                                    fresh build, every unit test and the pack, then tags v<version>
//                                    (--dry-run: everything but the tag); push the tag to publish.
//   npm run release -- --check <tag> the release rules for <tag> (publish.yml runs this).
//   --guard-publish                  prepublishOnly: refuses unless npm publishes with --provenance
//                                    from GitHub Actions for the tag of this version.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;

const readPackage = () => JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

function fail(problems) {
	console.error(`release: refused\n  - ${problems.join('\n  - ')}`);
	process.exit(1);
}

/** The entries of one `## [name]` section of CHANGELOG.md; undefined when there is no such section. */
function changelogEntries(text, name) {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line.startsWith(`## [${name}]`));
	if (start < 0) return undefined;
	const end = lines.findIndex((line, i) => i > start && line.startsWith('## ['));
	return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => /^\s*- /.test(line));
}

/** What the package must satisfy to be released (n8n's community-package rules and ours). */
function releaseProblems(pkg) {
	const problems = [];
	const { version } = pkg;
	if (!SEMVER.test(String(version))) problems.push(`package.json version "${version}" is not x.y.z`);
	if (pkg.license !== 'MIT') problems.push(`package.json license is "${pkg.license}", n8n requires MIT`);
	const license = path.join(REPO, 'LICENSE');
	if (!fs.existsSync(license) || !fs.readFileSync(license, 'utf8').startsWith('MIT License')) {
		problems.push('LICENSE is missing or not the MIT license');
	}
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const names = Array.isArray(pkg[field]) ? pkg[field] : Object.keys(pkg[field] || {});
		if (names.length) problems.push(`package.json has ${field} (${names.join(', ')}): n8n allows no runtime dependencies`);
	}
	if (!(pkg.keywords || []).includes('n8n-community-node-package')) {
		problems.push('package.json keywords lack "n8n-community-node-package"');
	}
	if (pkg.publishConfig?.provenance !== true) problems.push('package.json publishConfig.provenance must be true');
	// npm checks the provenance statement against this URL: it must be the repository CI runs in.
	if (!/^(git\+)?https:\/\/github\.com\/[^/]+\/[^/]+?(\.git)?$/.test(String(pkg.repository?.url))) {
		problems.push('package.json repository.url must be the https URL of the GitHub repository');
	}
	const changelog = path.join(REPO, 'CHANGELOG.md');
	const text = fs.existsSync(changelog) ? fs.readFileSync(changelog, 'utf8') : '';
	const entries = changelogEntries(text, version);
	if (!entries) problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
	else if (!entries.length) problems.push(`CHANGELOG.md section ${version} lists no changes`);
	else if (!new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm').test(text)) {
		problems.push(`CHANGELOG.md section ${version} needs a date: "## [${version}] - YYYY-MM-DD"`);
	}
	if (changelogEntries(text, 'Unreleased')?.length) {
		problems.push(`CHANGELOG.md "Unreleased" still lists changes: move them into the ${version} section`);
	}
	return problems;
}

function compareVersions(a, b) {
	const [x, y] = [a, b].map((v) => SEMVER.exec(v).slice(1, 4).map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const git = (...args) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();

function gitProblems(version) {
	const problems = [];
	const dirty = git('status', '--porcelain');
	if (dirty) problems.push(`the git tree is not clean (commit or remove first):\n      ${dirty.split('\n').join('\n      ')}`);
	const tags = git('tag', '--list', 'v*').split('\n').map((t) => t.slice(1)).filter((v) => SEMVER.test(v));
	if (tags.includes(version)) problems.push(`tag v${version} exists already: bump the version in package.json`);
	const [newest] = [...tags].sort(compareVersions).reverse();
	if (newest && !tags.includes(version) && SEMVER.test(version) && compareVersions(version, newest) <= 0) {
		problems.push(`version ${version} is not above the newest release tag v${newest}`);
	}
	return problems;
}

function step(title, command, args) {
	console.log(`\nrelease: ${title} (${[command, ...args].join(' ')})`);
	const result = spawnSync(command, args, { cwd: REPO, stdio: 'inherit' });
	if (result.status !== 0) fail([`${title} failed (exit ${result.status ?? result.signal})`]);
}

function release({ dryRun }) {
	const pkg = readPackage();
	const problems = [...releaseProblems(pkg), ...gitProblems(pkg.version)];
	if (problems.length) fail(problems);
	fs.rmSync(path.join(REPO, 'dist'), { recursive: true, force: true }); // no stale build output in the pack
	step('lint', 'npm', ['run', 'lint']);
	step('build and unit tests', 'npm', ['test']);
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: REPO, encoding: 'utf8' }));
	console.log(`\nrelease: ${packed.filename}: ${packed.entryCount} files, ${Math.round(packed.size / 1024)} kB packed`);
	const tag = `v${pkg.version}`;
	if (dryRun) {
		console.log(`release: --dry-run, all checks passed; ${tag} not tagged`);
		return;
	}
	git('tag', '--annotate', tag, '--message', `${pkg.name} ${pkg.version}`);
	console.log(`release: tagged ${tag}. Publish it: git push origin ${tag}  (.github/workflows/publish.yml publishes with provenance)`);
}

function guardPublish() {
	const { name, version } = readPackage();
	const problems = [];
	if (process.env.GITHUB_ACTIONS !== 'true') problems.push('not running in GitHub Actions');
	if (process.env.npm_config_provenance !== 'true') problems.push('npm publish was not given --provenance');
	if (process.env.GITHUB_REF_TYPE !== 'tag' || process.env.GITHUB_REF_NAME !== `v${version}`) {
		problems.push(`not a run for the tag v${version}`);
	}
	if (!problems.length) return;
	console.error(
		`Refusing to publish ${name}@${version}: ${problems.join('; ')}.\n` +
			'n8n accepts community packages only when published with npm provenance from CI, so this package\n' +
			'is published only by .github/workflows/publish.yml. Run `npm run release` to tag the version,\n' +
			'then push the tag: the workflow publishes it.',
	);
	process.exit(1);
}

function main(argv) {
	if (argv.includes('--guard-publish')) return guardPublish();
	const check = argv.indexOf('--check');
	if (check >= 0) {
		const pkg = readPackage();
		const tag = argv[check + 1];
		const problems = releaseProblems(pkg);
		if (tag !== `v${pkg.version}`) problems.unshift(`tag "${tag}" does not equal v${pkg.version} (package.json version)`);
		if (problems.length) fail(problems);
		console.log(`release: ${tag} satisfies the release rules`);
		return undefined;
	}
	return release({ dryRun: argv.includes('--dry-run') });
}

main(process.argv.slice(2));
