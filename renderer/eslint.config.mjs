/**
 * The renderer's own lint (a Fastify service and a video engine, not an n8n node):
 * typescript-eslint's recommended rules over its sources, tests and feed app. The node pack keeps
 * `n8n-node lint` (the root eslint.config.mjs).
 */
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'coverage/**', 'feed/dist/**'] },
	...tseslint.configs.recommended,
	{
		languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
		},
	},
	{
		// Plain CommonJS scripts (the bin shim, jest's set-up, emulator helpers).
		files: ['**/*.js', '**/*.cjs'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
