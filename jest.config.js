/**
 * Two projects: the node pack (nodes/, credentials/) and the renderer workspace.
 * Both use a Node environment that shares the host's typed-array constructors, because
 * onnxruntime-node and Buffer checks reject arrays made by jest's separate realm.
 */
const shared = {
	preset: 'ts-jest',
	testEnvironment: '<rootDir>/renderer/test/support/node-environment.js',
	globalSetup: '<rootDir>/renderer/test/support/global-setup.js',
	globalTeardown: '<rootDir>/renderer/test/support/global-teardown.js',
	rootDir: __dirname,
};

module.exports = {
	testTimeout: 120000,
	maxWorkers: 2,
	projects: [
		{
			...shared,
			displayName: 'renderer',
			testMatch: ['<rootDir>/renderer/test/**/*.test.ts'],
			// The hardening suites run through `npm run test:hardening` (jest.hardening.config.js).
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/renderer/test/hardening/'],
			transform: {
				'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/renderer/tsconfig.test.json' }],
			},
		},
		{
			...shared,
			displayName: 'nodes',
			testMatch: ['<rootDir>/test/nodes/**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
		},
	],
};
