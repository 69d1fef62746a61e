/**
 * A transcript of a video's speech for moderation when the provider gave none (uploads, remote
 * providers): the audio at 16 kHz mono through pocketsphinx (Debian, en-us model and language model).
 * Rough — good on clear speech, loose on music — but it catches spoken phrases the rules look for.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractSpeechWav, mediaFile, probeMedia } from '../../../media/ffmpeg';

const exec = promisify(execFile);

export async function transcribeSpeech(videoPath: string, signal: AbortSignal): Promise<string> {
	const input = await mediaFile(videoPath);
	const audio = await probeMedia(input, signal, [
		'-select_streams',
		'a',
		'-show_entries',
		'stream=index',
	]);
	if (!audio.streams.length) return '';
	const dir = await mkdtemp(join(tmpdir(), 'reelforge-asr-'));
	try {
		const wav = join(dir, 'speech.wav');
		await extractSpeechWav(input, wav, signal);
		return await transcribeWav(wav, signal);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * pocketsphinx (en-us acoustic and language model, default settings) on a 16 kHz mono 16-bit WAV:
 * the words it heard, one utterance per line joined by spaces. Also the "listener" the dialogue
 * mix is measured with (test/engine/audio, bench/dialogue.js).
 */
export async function transcribeWav(wav16kMono: string, signal?: AbortSignal): Promise<string> {
	const { stdout } = await exec(
		'pocketsphinx_continuous',
		['-infile', wav16kMono, '-logfn', '/dev/null'],
		{
			signal,
			maxBuffer: 16 << 20,
		},
	);
	return stdout
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join(' ');
}
