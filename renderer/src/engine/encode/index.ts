/**
 * The encoder: RGBA frames stream into ffmpeg's stdin one at a time, the mixed WAV is the second
 * input, and out comes an H.264 + AAC (48 kHz stereo) MP4 in yuv420p with the index at the front
 * (+faststart). Exactly `totalFrames` frames and an audio track cut or padded to the same length.
 *
 * Back-pressure: each frame is copied out of the renderer's buffer into one of two slots and written
 * while the next frame is drawn; a frame is only handed to the pipe once the previous one has been
 * taken whole. At most two frames are in flight, so memory stays flat whatever the length or size
 * of the video, and drawing overlaps with ffmpeg's work instead of waiting for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { Writable } from 'node:stream';
import type { Quality } from '../../spec/renderSpec';
import { abortError } from './abort';
import { chooseEncoder, encoderSettings, type EncoderName } from './encoderChoice';

export { abortError };

export interface FrameSource {
  width: number;
  height: number;
  /** RGBA, width*height*4 bytes; may be reused by the source once the next frame is asked for. */
  drawFrame(index: number): Buffer | Promise<Buffer>;
  /** An ffmpeg filter chain applied to the frames before encoding (a style grade done by ffmpeg). */
  ffmpegFilter?: string;
}

export interface EncodeRequest {
  frames: FrameSource;
  totalFrames: number;
  fps: number;
  quality: Quality;
  /** 48 kHz stereo WAV; silence is encoded when absent, so every output has an audio track. */
  audioPath?: string;
  outPath: string;
  /** Extra filters after the source's own (e.g. burned-in subtitles). */
  extraFilters?: string[];
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Forces an encoder instead of the process-wide choice. */
  encoder?: EncoderName;
}

export interface EncodeResult {
  path: string;
  frames: number;
  durationSeconds: number;
  encoder: EncoderName;
  /** Where the time went: drawing frames, waiting for ffmpeg to take them (it was busy), and finishing after the last one. */
  timingsMs: { draw: number; waitForEncoder: number; finish: number };
}

export class EncodeError extends Error {
  readonly code = 'encode_failed';
  constructor(message: string, readonly stderr: string) {
    super(message);
    this.name = 'EncodeError';
  }
}

/**
 * libx264 runs 1.5 frame threads per core by default, each holding full frames; at 4K that alone
 * is hundreds of MB (measured: 743 MB peak on 2 cores, 511 MB with 2 threads). Large frames get at
 * most 4 threads, which keeps memory bounded on big machines too.
 */
function encoderThreads(encoder: EncoderName, width: number, height: number): string[] {
  if (encoder !== 'libx264' || width * height < 3840 * 2160 * 0.9) return [];
  return ['-threads', String(Math.max(1, Math.min(4, cpus().length)))];
}

/** The ffmpeg arguments of one encode; exported so the benchmark's bare encode uses the same settings. */
export function encodeArgs(request: Omit<EncodeRequest, 'frames' | 'encoder'> & { width: number; height: number; ffmpegFilter?: string; encoder: EncoderName }): string[] {
  const { width, height, fps, totalFrames, audioPath, outPath, quality, encoder } = request;
  const duration = (totalFrames / fps).toFixed(6);
  const audioInput = audioPath ? ['-i', audioPath] : ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
  const filters = [request.ffmpegFilter, ...(request.extraFilters ?? []), 'format=yuv420p'].filter((f): f is string => Boolean(f));
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    // A short input queue: ffmpeg holds at most two raw frames beyond what it is working on.
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-thread_queue_size', '2', '-i', 'pipe:0',
    ...audioInput,
    '-map', '0:v:0', '-map', '1:a:0',
    '-vf', filters.join(','),
    ...encoderSettings(encoder, quality, fps).videoOptions,
    ...encoderThreads(encoder, width, height),
    '-pix_fmt', 'yuv420p',
    '-frames:v', String(totalFrames),
    // Pad short audio with silence and cut long audio, so both streams end with the last frame.
    '-af', `apad=whole_dur=${duration},atrim=end=${duration}`,
    '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2',
    '-movflags', '+faststart',
    outPath,
  ];
}

function waitForWrite(stdin: Writable, chunk: Buffer, child: ChildProcess, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new EncodeError(`ffmpeg exited (${code}) while frames were being written: ${stderr().slice(-500)}`, stderr()));
    child.once('exit', onExit);
    stdin.write(chunk, (error) => {
      child.off('exit', onExit);
      if (error) reject(new EncodeError(`writing a frame to ffmpeg failed: ${error.message}; ${stderr().slice(-500)}`, stderr()));
      else resolve();
    });
  });
}

export async function encodeVideo(request: EncodeRequest): Promise<EncodeResult> {
  const { frames, totalFrames, signal, onProgress } = request;
  if (signal?.aborted) throw abortError(signal);
  const encoder = request.encoder ?? (await chooseEncoder(request.log));
  const args = encodeArgs({ ...request, width: frames.width, height: frames.height, ffmpegFilter: frames.ffmpegFilter, encoder });
  const child = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderrText = '';
  child.stderr!.on('data', (d: Buffer) => (stderrText = (stderrText + d.toString()).slice(-20000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  // An EPIPE after ffmpeg died is reported through the write callback; do not let it crash the process.
  child.stdin!.on('error', () => undefined);
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  const frameBytes = frames.width * frames.height * 4;
  const timingsMs = { draw: 0, waitForEncoder: 0, finish: 0 };
  // Two frame slots: frame i is copied into slot i % 2 and written while frame i + 1 is drawn.
  // Before frame i + 1 is handed over, frame i must have been taken whole by the pipe, so at most
  // two frames exist beyond the renderer's own buffer, whatever the length of the video.
  const slots = [Buffer.allocUnsafe(frameBytes), Buffer.allocUnsafe(frameBytes)];
  let inFlight: Promise<void> | undefined;
  try {
    for (let i = 0; i < totalFrames; i++) {
      if (signal?.aborted) throw abortError(signal);
      const drawStart = performance.now();
      const frame = await frames.drawFrame(i);
      timingsMs.draw += performance.now() - drawStart;
      if (frame.length !== frameBytes) throw new EncodeError(`frame ${i} has ${frame.length} bytes; expected ${frameBytes} (${frames.width}x${frames.height} RGBA)`, '');
      const slot = slots[i % 2];
      frame.copy(slot);
      const waitStart = performance.now();
      if (inFlight) await inFlight;
      timingsMs.waitForEncoder += performance.now() - waitStart;
      onProgress?.(i / totalFrames);
      inFlight = waitForWrite(child.stdin!, slot, child, () => stderrText);
      // Rejections are awaited on the next turn; this only keeps Node from calling them unhandled meanwhile.
      inFlight.catch(() => undefined);
    }
    const lastWait = performance.now();
    if (inFlight) await inFlight;
    timingsMs.waitForEncoder += performance.now() - lastWait;
    onProgress?.(1);
    const finishStart = performance.now();
    child.stdin!.end();
    const code = await exited;
    timingsMs.finish = performance.now() - finishStart;
    if (signal?.aborted) throw abortError(signal);
    if (code !== 0) throw new EncodeError(`ffmpeg failed (${code}): ${stderrText.slice(-1000)}`, stderrText);
    const rounded = { draw: Math.round(timingsMs.draw), waitForEncoder: Math.round(timingsMs.waitForEncoder), finish: Math.round(timingsMs.finish) };
    return { path: request.outPath, frames: totalFrames, durationSeconds: totalFrames / request.fps, encoder, timingsMs: rounded };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited.catch(() => undefined);
    await rm(request.outPath, { force: true });
    throw signal?.aborted ? abortError(signal) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
