import { createServer } from 'node:net';
import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('Reelforge Generate when the renderer cannot be reached', () => {
	afterAll(removeHarnessFolder);

	const parameters = {
		specSource: 'prompt',
		prompt: 'A paper boat on a rainy street',
		durationSeconds: 4,
		waitMode: 'none',
	};

	it('fails the node with an error naming the item', async () => {
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters,
			input: [{ n: 1 }],
			credential: { baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: 'rf_unused' },
		});
		expect(outputs).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/ECONNREFUSED|connect|refused/i);
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
	});

	it('with continueOnFail gives one error item per input, each paired to its input', async () => {
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters,
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
			credential: { baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: 'rf_unused' },
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs?.[0]).toHaveLength(3);
		outputs![0].forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(String(item.json.error)).toMatch(/ECONNREFUSED|connect|refused/i);
		});
	});
});
