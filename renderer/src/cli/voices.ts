import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { listVoices } from '../engine/voice';
import { Outbound } from '../net/outbound';
import { doorFetch, HttpError } from '../voices/http';
import {
	fetchPiperIndex,
	pullPiperVoice,
	VoicePullError,
	type PullProgress,
} from '../voices/piperPull';

const USAGE =
	'usage: reelforge voices list [--remote] [--language en_US] | voices pull <voice> [--force] [--base-url URL]';

function formatMb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A download bar on a terminal; a line per quarter elsewhere (logs, CI). */
function progressBar(stream: NodeJS.WriteStream) {
	const tty = stream.isTTY === true;
	let lastQuarter = new Map<string, number>();
	return (p: PullProgress) => {
		const fraction = p.totalBytes > 0 ? Math.min(1, p.receivedBytes / p.totalBytes) : 0;
		const percent = Math.floor(fraction * 100);
		if (tty) {
			const width = 30;
			const filled = Math.round(fraction * width);
			stream.write(
				`\r${p.file} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${formatMb(p.receivedBytes)} / ${formatMb(p.totalBytes)}`,
			);
			if (fraction >= 1) stream.write('\n');
			return;
		}
		const quarter = Math.floor(fraction * 4);
		if (quarter > (lastQuarter.get(p.file) ?? -1)) {
			lastQuarter = new Map(lastQuarter).set(p.file, quarter);
			stream.write(
				`${p.file} ${percent}% ${formatMb(p.receivedBytes)} / ${formatMb(p.totalBytes)}\n`,
			);
		}
	};
}

/** `reelforge voices list|pull`: the voices this machine can speak with, and Piper voices to install. */
export async function runVoices(args: string[]): Promise<number> {
	const config = loadConfig();
	// The voice collection is the operator's choice (config or --base-url): the trusted policy.
	const fetch = doorFetch(new Outbound({ allow: config.fetchAllow }));
	const [sub, ...rest] = args;
	if (sub === 'list') {
		const { values } = parseArgs({
			args: rest,
			options: {
				remote: { type: 'boolean', default: false },
				language: { type: 'string' },
				'base-url': { type: 'string' },
			},
		});
		if (!values.remote) {
			for (const v of listVoices(config.modelsDir))
				process.stdout.write(`${v.id}\t${v.description}\n`);
			return 0;
		}
		const index = await fetchPiperIndex(values['base-url'] ?? config.piperVoicesUrl, fetch);
		const language = values.language?.toLowerCase();
		for (const [key, entry] of Object.entries(index).sort(([a], [b]) => a.localeCompare(b))) {
			if (language && !key.toLowerCase().startsWith(language)) continue;
			const model = Object.entries(entry.files ?? {}).find(([p]) => p.endsWith('.onnx'));
			process.stdout.write(
				`${key}\t${entry.quality ?? ''}\t${entry.num_speakers ?? 1} speaker(s)\t${model ? formatMb(model[1].size_bytes) : ''}\n`,
			);
		}
		return 0;
	}
	if (sub === 'pull') {
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				force: { type: 'boolean', default: false },
				'base-url': { type: 'string' },
			},
		});
		const name = positionals[0];
		if (!name) throw new Error(USAGE);
		try {
			const result = await pullPiperVoice(name, {
				baseUrl: values['base-url'] ?? config.piperVoicesUrl,
				modelsDir: config.modelsDir,
				fetch,
				force: values.force,
				onProgress: progressBar(process.stderr),
			});
			for (const f of result.files)
				if (!f.downloaded) process.stderr.write(`${f.name} already installed and verified\n`);
			process.stdout.write(
				`${result.voice}\ninstalled in ${config.modelsDir}/piper (md5 verified); use "voice": "${result.voice}" in a spec\n`,
			);
			return 0;
		} catch (error) {
			if (error instanceof VoicePullError || error instanceof HttpError) {
				process.stderr.write(`voices pull: ${error.message}\n`);
				return 1;
			}
			throw error;
		}
	}
	throw new Error(USAGE);
}
