module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	globalSetup: '<rootDir>/test/helpers/global-setup.js',
	globalTeardown: '<rootDir>/test/helpers/global-teardown.js',
	setupFiles: ['<rootDir>/test/helpers/setup-env.js'],
	setupFilesAfterEnv: ['<rootDir>/test/helpers/nock-guard.js'],
	testTimeout: 30000,
	// n8n-core leaves timers armed after a run (an SSH-client cleanup interval, and follow-redirects'
	// 5-minute request timer under nock); n8n clears them at process shutdown, so does jest here.
	forceExit: true,
};
