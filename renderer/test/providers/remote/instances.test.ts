/**
 * Remote provider configuration: the shortcut variables and the REELFORGE_PROVIDERS file, through
 * loadConfig (the one door to the environment). Mistakes are refused at start with the variable or
 * the file's field named; keys come from environment variables or files and never appear in errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { textToVideoWorkflow } from '../emulators/comfyui';
import { scratchDir } from '../support';

function providersFile(content: unknown, dir = scratchDir()): string {
	const file = path.join(dir, 'providers.json');
	fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	return file;
}

describe('remote provider configuration', () => {
	it('enables veo and omni with GEMINI_API_KEY, openai-videos and comfyui with their variables', () => {
		const dir = scratchDir();
		const workflow = path.join(dir, 'wan.json');
		fs.writeFileSync(workflow, JSON.stringify(textToVideoWorkflow()));
		const { instances } = loadConfig({
			GEMINI_API_KEY: 'gem-key',
			GEMINI_VEO_MODEL: 'veo-3.1-fast-generate-preview',
			OPENAI_VIDEOS_BASE_URL: 'https://llm.example.com/v1',
			OPENAI_VIDEOS_API_KEY: 'sk-gw',
			COMFYUI_URL: 'http://gpu:8188',
			COMFYUI_WORKFLOW: workflow,
			COMFYUI_API_KEY: 'proxy',
		}).remoteProviders;
		expect(instances.map((i) => [i.name, i.type])).toEqual([
			['veo', 'veo'],
			['omni', 'omni'],
			['openai-videos', 'openai-videos'],
			['comfyui', 'comfyui'],
		]);
		expect(instances[0]).toMatchObject({
			apiKey: 'gem-key',
			model: 'veo-3.1-fast-generate-preview',
		});
		expect(instances[3]).toMatchObject({
			url: 'http://gpu:8188',
			apiKey: 'proxy',
			workflowPath: workflow,
		});
		expect(loadConfig({}).remoteProviders.instances).toEqual([]);
	});

	it('refuses half-configured shortcuts with the variable named', () => {
		expect(() => loadConfig({ OPENAI_VIDEOS_BASE_URL: 'https://gw.example.com/api' })).toThrow(
			'OPENAI_VIDEOS_BASE_URL must be an http(s) URL ending in /v1',
		);
		expect(() => loadConfig({ OPENAI_VIDEOS_API_KEY: 'sk' })).toThrow(
			'need OPENAI_VIDEOS_BASE_URL',
		);
		expect(() =>
			loadConfig({
				GEMINI_API_KEY: 'k',
				GEMINI_BASE_URL: 'https://generativelanguage.googleapis.com',
			}),
		).toThrow('GEMINI_BASE_URL must be an http(s) URL ending in the API version');
		expect(() => loadConfig({ COMFYUI_URL: 'http://gpu:8188' })).toThrow(
			'COMFYUI_URL and COMFYUI_WORKFLOW go together',
		);
		const ui = path.join(scratchDir(), 'ui.json');
		fs.writeFileSync(ui, JSON.stringify({ nodes: [], links: [], version: 0.4 }));
		expect(() => loadConfig({ COMFYUI_URL: 'http://gpu:8188', COMFYUI_WORKFLOW: ui })).toThrow(
			'Save (API)',
		);
	});

	it('reads named instances from REELFORGE_PROVIDERS, keys from env names and files', () => {
		const dir = scratchDir();
		fs.writeFileSync(path.join(dir, 'gw-b.key'), 'sk-from-file\n');
		fs.writeFileSync(path.join(dir, 'ltx.json'), JSON.stringify(textToVideoWorkflow()));
		const file = providersFile(
			{
				providers: [
					{
						name: 'veo-fast',
						type: 'veo',
						model: 'veo-3.1-fast-generate-preview',
						apiKey: { env: 'MY_GEMINI' },
						concurrency: 4,
					},
					{
						name: 'gateway-a',
						type: 'openai-videos',
						baseUrl: 'https://a.example.com/v1',
						apiKey: { env: 'GW_A' },
						model: 'sora-2-pro',
						seconds: [4, 8, 12, 16, 20],
					},
					{
						name: 'gateway-b',
						type: 'openai-videos',
						baseUrl: 'https://b.example.com/openai/v1',
						apiKey: { file: 'gw-b.key' },
						usdPerSecond: 0.2,
					},
					{
						name: 'box-2',
						type: 'comfyui',
						url: 'http://10.0.0.8:8188',
						workflow: 'ltx.json',
						fps: 24,
						frameStep: 8,
						frameOffset: 1,
						nativeAudio: true,
					},
				],
			},
			dir,
		);
		const { instances } = loadConfig({
			REELFORGE_PROVIDERS: file,
			MY_GEMINI: 'gem-2',
			GW_A: 'sk-a',
			GEMINI_API_KEY: 'gem-1',
		}).remoteProviders;
		expect(instances.map((i) => i.name)).toEqual([
			'veo',
			'omni',
			'veo-fast',
			'gateway-a',
			'gateway-b',
			'box-2',
		]);
		expect(instances.find((i) => i.name === 'veo-fast')).toMatchObject({
			apiKey: 'gem-2',
			concurrency: 4,
		});
		expect(instances.find((i) => i.name === 'gateway-a')).toMatchObject({
			apiKey: 'sk-a',
			seconds: [4, 8, 12, 16, 20],
		});
		expect(instances.find((i) => i.name === 'gateway-b')).toMatchObject({ apiKey: 'sk-from-file' });
		expect(instances.find((i) => i.name === 'box-2')).toMatchObject({
			workflowPath: path.join(dir, 'ltx.json'),
			frameStep: 8,
		});
	});

	it('names the field of each mistake in the file', () => {
		const at = (content: unknown, env: Record<string, string> = {}) => {
			try {
				loadConfig({ REELFORGE_PROVIDERS: providersFile(content), ...env });
			} catch (error) {
				return (error as Error).message;
			}
			return 'accepted';
		};
		expect(at('{"providers": [')).toMatch(/REELFORGE_PROVIDERS \(.*\): not JSON/);
		expect(at({ providers: [{ name: 'g', type: 'runway' }] })).toContain(
			'/providers/0/type must be one of: veo, omni, openai-videos, comfyui',
		);
		expect(
			at({
				providers: [{ name: 'g', type: 'openai-videos', baseUrl: 'https://x.example.com/api' }],
			}),
		).toContain('/providers/0/baseUrl must match pattern');
		expect(at({ providers: [{ name: 'g', type: 'veo', apiKey: { env: 'NOPE' } }] })).toContain(
			'/providers/0/apiKey/env environment variable NOPE is not set',
		);
		expect(at({ providers: [{ name: 'g', type: 'veo', apiKey: 'AIza-inline-key' }] })).toContain(
			'/providers/0/apiKey must be {"env": "VARIABLE"} or {"file": "/path/to/key"}',
		);
		expect(
			at({ providers: [{ name: 'g', type: 'veo', apiKey: { file: 'missing.key' } }] }),
		).toContain('/providers/0/apiKey/file cannot read the key file (ENOENT)');
		expect(
			at(
				{ providers: [{ name: 'g', type: 'veo', apiKey: { env: 'K' }, colour: 'red' }] },
				{ K: 'k' },
			),
		).toContain('/providers/0/colour is not a known field');
		expect(
			at({
				providers: [
					{ name: 'Gateway A', type: 'openai-videos', baseUrl: 'https://x.example.com/v1' },
				],
			}),
		).toContain('/providers/0/name must match pattern');
		expect(
			at({
				providers: [{ name: 'c', type: 'comfyui', url: 'http://x:8188', workflow: 'nope.json' }],
			}),
		).toContain('/providers/0/workflow cannot read the workflow file (ENOENT)');
		expect(
			at({
				providers: [
					{ name: 'g', type: 'openai-videos', baseUrl: 'https://x.example.com/v1' },
					{ name: 'g', type: 'openai-videos', baseUrl: 'https://y.example.com/v1' },
				],
			}),
		).toContain('provider "g" is defined twice');
		expect(
			at({
				providers: [{ name: 'local', type: 'openai-videos', baseUrl: 'https://x.example.com/v1' }],
			}),
		).toContain('"local" is reserved');
		expect(
			at(
				{
					providers: [{ name: 'veo', type: 'openai-videos', baseUrl: 'https://x.example.com/v1' }],
				},
				{ GEMINI_API_KEY: 'k' },
			),
		).toContain('provider "veo" is defined twice');
		const missing = at({ providers: [] }, {});
		expect(missing).toBe('accepted');
		expect(at({}, {})).toContain('/providers is required');
	});

	it('never repeats a key value in its errors', () => {
		const file = providersFile({
			providers: [{ name: 'g', type: 'veo', apiKey: { env: 'K' }, model: 7 }],
		});
		const message = (() => {
			try {
				loadConfig({ REELFORGE_PROVIDERS: file, K: 'AIzaSecretValue123' });
			} catch (error) {
				return (error as Error).message;
			}
			return '';
		})();
		expect(message).toContain('/providers/0/model');
		expect(message).not.toContain('AIzaSecretValue123');
	});
});
