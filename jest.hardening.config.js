/**
 * The hardening suites (renderer/test/hardening): faults with real processes and a real Redis,
 * fuzzing, security and tenant isolation. Run through `npm run test:hardening` (long variant) or
 * `npm run test:hardening -- --short` (CI); they are not part of `npm test`.
 */
const base = require('./jest.config.js');
const renderer = base.projects.find((p) => p.displayName === 'renderer');

module.exports = {
	testTimeout: 600000,
	// The fault suites start and kill processes and Redis servers: one file at a time.
	maxWorkers: 1,
	// Keep-alive sockets of global fetch to services the suites killed keep jest waiting otherwise.
	forceExit: true,
	projects: [
		{
			...renderer,
			displayName: 'hardening',
			testMatch: ['<rootDir>/renderer/test/hardening/**/*.test.ts'],
			testPathIgnorePatterns: [],
		},
	],
};
