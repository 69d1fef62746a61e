import { executionProvider } from '../../../src/engine/style/session';
import { buildGradeGraph } from '../../../src/engine/style/graph';
import { STYLE_PARAMS } from '../../../src/engine/style/styles';

describe('execution provider', () => {
	it('asked for CUDA on a machine without it, falls back to CPU once and logs why', async () => {
		const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
		try {
			const model = buildGradeGraph(STYLE_PARAMS.neon);
			expect(await executionProvider(model, true)).toBe('cpu');
			// Chosen once: a later call does not probe again, whatever it asks for.
			expect(await executionProvider(model, false)).toBe('cpu');
			expect(info).toHaveBeenCalledTimes(1);
			expect(String(info.mock.calls[0][0])).toMatch(/execution provider: cpu \(cuda unavailable/);
		} finally {
			info.mockRestore();
		}
	});
});
