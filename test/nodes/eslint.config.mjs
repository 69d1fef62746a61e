// Node-pack tests run in jest, not inside n8n: the community-node restrictions (process, fs,
// timers) do not apply to them. Plain typescript-eslint rules; `any` is allowed for reading the
// renderer's JSON answers in assertions.
import tseslint from 'typescript-eslint';

export default tseslint.config(...tseslint.configs.recommended, {
	languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
	rules: { '@typescript-eslint/no-explicit-any': 'off' },
});
