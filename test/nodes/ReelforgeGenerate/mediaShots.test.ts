/**
 * The Generate node with the user's own media: a picture in the item's binary field is uploaded to
 * the real renderer (POST /v1/assets) and shown as a shot after the drawn one; the output item says
 * which sources made the video, whether a fallback was used and how many seconds were paid for. A
 * missing binary field fails only its own item under Continue On Fail.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { cancelUnfinished, startTestRenderer } from '../support/renderer';

jest.setTimeout(300_000);

function pngOf(width: number, height: number): Buffer {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rf-node-media-')), 'p.png');
	execFileSync('ffmpeg', [
		'-v',
		'error',
		'-f',
		'lavfi',
		'-i',
		`testsrc2=size=${width}x${height}:rate=1:duration=1`,
		'-frames:v',
		'1',
		file,
	]);
	return fs.readFileSync(file);
}

describe('Reelforge Generate with media shots', () => {
	let renderer: Awaited<ReturnType<typeof startTestRenderer>>;
	beforeAll(async () => {
		renderer = await startTestRenderer();
	});
	afterEach(async () => {
		await cancelUnfinished(renderer);
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	it('uploads a binary picture as a media shot and reports the sources on the item', async () => {
		const photo = pngOf(640, 480).toString('base64');
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'prompt',
				prompt: 'A paper boat sails down a rainy street',
				durationSeconds: 1,
				aspectRatio: '9:16',
				shortEdge: 360,
				quality: 'draft',
				fallback: 'local',
				mediaShots: {
					shot: [
						{ binaryProperty: 'photo', duration: 1, position: 'end', fit: 'blur', audio: 'keep' },
					],
				},
				waitMode: 'poll',
				deadlineMinutes: 4,
				returnAs: 'url',
				options: { pollIntervalSeconds: 0.25 },
			} as never,
			input: [
				{
					json: { n: 1 },
					binary: { photo: { data: photo, mimeType: 'image/png', fileName: 'photo.png' } },
				},
				{ json: { n: 2 } },
			] as never,
			credential: renderer.credential,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const [good, missing] = outputs![0];
		expect(good.json.status).toBe('completed');
		const spec = good.json.spec as {
			output: Record<string, unknown>;
			shots: Array<Record<string, unknown>>;
		};
		expect(spec.output).toMatchObject({ width: 360, height: 640, quality: 'draft' });
		expect(spec.shots[0]).toMatchObject({ prompt: 'A paper boat sails down a rainy street' });
		expect(spec.shots[1]).toMatchObject({
			media: { asset: expect.stringMatching(/^ast_/), fit: 'blur' },
		});
		expect(good.json.sources).toEqual({
			provider: 'local, media',
			shotSources: ['local', 'media'],
			fallbackUsed: false,
			fallbacks: [],
			paidSeconds: 0,
		});
		expect(missing.json.error).toBeDefined();
		expect(String(missing.json.error)).toMatch(/photo/);
		expect(missing.pairedItem).toEqual({ item: 1 });
	});
});
