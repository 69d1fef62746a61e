import { execFileSync } from 'node:child_process';
import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer, tinySpec } from '../support/renderer';

jest.setTimeout(300_000);

describe('Reelforge Generate: music from binary data', () => {
	let renderer: Awaited<ReturnType<typeof startTestRenderer>>;
	beforeAll(async () => {
		renderer = await startTestRenderer();
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	it("uploads the item's sound file and renders it as the music bed", async () => {
		const mp3 = execFileSync('ffmpeg', [
			'-v',
			'error',
			'-f',
			'lavfi',
			'-i',
			'sine=frequency=550:sample_rate=44100:duration=1',
			'-f',
			'mp3',
			'-',
		]);
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'input',
				specField: 'spec',
				musicBinaryPropertyName: 'tune',
				waitMode: 'poll',
				deadlineMinutes: 4,
				returnAs: 'url',
				options: { pollIntervalSeconds: 0.25 },
			} as never,
			input: [
				{
					json: { spec: { ...tinySpec('A kite over a beach'), audio: { music: { volume: 0.6 } } } },
					binary: {
						tune: { data: mp3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'tune.mp3' },
					},
				},
			] as never,
			credential: renderer.credential,
		});
		expect(error).toBeUndefined();
		const [item] = outputs![0];
		expect(item.json.status).toBe('completed');
		const music = (item.json.spec as { audio: { music: Record<string, unknown> } }).audio.music;
		expect(music).toMatchObject({
			enabled: true,
			volume: 0.6,
			source: { uploadId: expect.stringMatching(/^upl_/) },
		});
	});

	it('fails the item with the field name when the binary field is missing, and continues on fail', async () => {
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'input',
				specField: 'spec',
				musicBinaryPropertyName: 'nothing',
				waitMode: 'none',
			} as never,
			input: [{ spec: tinySpec() }],
			credential: renderer.credential,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(String(outputs![0][0].json.error)).toContain('nothing');
	});
});
