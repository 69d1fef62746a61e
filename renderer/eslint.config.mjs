// The renderer is a service, not part of the n8n package: plain typescript-eslint rules.
// With ESLint's config lookup from file (see the root "lint" script) this file governs renderer/**.
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**'] },
	...tseslint.configs.recommended,
	{ languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{ files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
