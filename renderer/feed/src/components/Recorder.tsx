import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage } from './ErrorMessage';

/**
 * Where the camera and the recorder are. Each step waits on the browser's own event, so a button
 * only offers what the browser can do now: Start once the preview shows frames (`loadeddata`), Stop
 * once MediaRecorder has really started (`start`), the recording once it has flushed (`stop`).
 */
type Phase = 'closed' | 'opening' | 'warming' | 'ready' | 'starting' | 'recording' | 'stopping';

const SAYS: Record<Phase, string> = {
	closed: '',
	opening: 'Opening the camera and microphone…',
	warming: 'Waiting for the camera…',
	ready: 'Camera ready. Start recording when you are.',
	starting: 'Starting the recording…',
	recording: 'Recording.',
	stopping: 'Finishing the recording…',
};

/**
 * Records the camera and microphone in the browser (MediaRecorder, WebM) with a live preview, or
 * takes a clip the person already has. Hands the video to `onReady`.
 */
export function Recorder(props: { onReady: (video: Blob) => void; busy: boolean }) {
	const preview = useRef<HTMLVideoElement>(null);
	const recorder = useRef<MediaRecorder | null>(null);
	const [phase, setPhase] = useState<Phase>('closed');
	const [stream, setStream] = useState<MediaStream | null>(null);
	const [seconds, setSeconds] = useState(0);
	const [recorded, setRecorded] = useState<{ blob: Blob; url: string; seconds: number } | null>(
		null,
	);
	const [error, setError] = useState<string | null>(null);
	const canRecord =
		typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

	useEffect(
		() => () => {
			stream?.getTracks().forEach((t) => t.stop());
			if (recorded) URL.revokeObjectURL(recorded.url);
		},
		[stream, recorded],
	);

	useEffect(() => {
		if (preview.current && stream) preview.current.srcObject = stream;
	}, [stream]);

	// Counted from the recorder's `start` event, so the time shown is the time recorded.
	useEffect(() => {
		if (phase !== 'recording') return undefined;
		const started = Date.now();
		setSeconds(0);
		const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
		return () => clearInterval(timer);
	}, [phase]);

	function closeCamera() {
		stream?.getTracks().forEach((t) => t.stop());
		setStream(null);
	}

	async function openCamera() {
		setError(null);
		setRecorded(null);
		setPhase('opening');
		try {
			setStream(
				await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: true }),
			);
			setPhase('warming');
		} catch (err) {
			setPhase('closed');
			setError(`The camera or microphone could not be opened: ${(err as Error).message}`);
		}
	}

	function start() {
		if (!stream || phase !== 'ready') return;
		setError(null);
		const type = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'].find((t) =>
			MediaRecorder.isTypeSupported(t),
		);
		const chunks: Blob[] = [];
		let failure: string | null = null;
		let startedAt = 0;
		let rec: MediaRecorder;
		try {
			rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
			rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
			rec.onstart = () => {
				startedAt = Date.now();
				setPhase('recording');
			};
			// An error ends the recording (the browser fires `stop` next): what it holds is not kept.
			rec.onerror = (e) => {
				failure = (e as Event & { error?: DOMException }).error?.message ?? 'unknown error';
			};
			rec.onstop = () => {
				recorder.current = null;
				closeCamera();
				setPhase('closed');
				if (failure || chunks.length === 0)
					return setError(`The recording failed: ${failure ?? 'nothing was recorded'}. Try again.`);
				const blob = new Blob(chunks, { type: rec.mimeType || 'video/webm' });
				const seconds = Math.round((Date.now() - startedAt) / 1000);
				setRecorded({ blob, url: URL.createObjectURL(blob), seconds });
			};
			setPhase('starting');
			rec.start(250);
		} catch (err) {
			setPhase('ready');
			setError(`The recording could not start: ${(err as Error).message}`);
			return;
		}
		recorder.current = rec;
	}

	function stop() {
		setPhase('stopping');
		recorder.current?.stop();
	}

	const status = recorded
		? `Recorded ${recorded.seconds} s. Watch it back, then send it or record again.`
		: SAYS[phase];

	return (
		<div class="recorder stack">
			{phase === 'closed' && !recorded && canRecord && (
				<button type="button" onClick={openCamera}>
					Record with camera and microphone
				</button>
			)}
			{stream && (
				<div class="stack">
					<video
						ref={preview}
						class="preview"
						autoPlay
						muted
						playsInline
						aria-label="Camera preview"
						onLoadedData={() => setPhase((p) => (p === 'warming' ? 'ready' : p))}
					/>
					{phase === 'recording' || phase === 'stopping' ? (
						<button type="button" onClick={stop} disabled={phase === 'stopping'}>
							Stop recording ({seconds} s)
						</button>
					) : (
						<button type="button" onClick={start} disabled={phase !== 'ready'}>
							{phase === 'starting' ? 'Starting…' : 'Start recording'}
						</button>
					)}
				</div>
			)}
			<p class="hint" role="status" aria-live="polite">
				{status}
			</p>
			{recorded && (
				<div class="stack">
					<video
						class="preview"
						src={recorded.url}
						controls
						playsInline
						aria-label="Your recording"
					/>
					<div class="row">
						<button
							type="button"
							disabled={props.busy}
							onClick={() => props.onReady(recorded.blob)}
						>
							{props.busy ? 'Checking…' : 'Send recording'}
						</button>
						<button type="button" class="secondary" onClick={openCamera}>
							Record again
						</button>
					</div>
				</div>
			)}
			<label>
				Or upload a clip of yourself reading the words
				<input
					type="file"
					accept="video/mp4,video/webm,video/quicktime"
					disabled={props.busy}
					onChange={(e) => {
						const file = (e.target as HTMLInputElement).files?.[0];
						if (file) props.onReady(file);
					}}
				/>
			</label>
			<ErrorMessage error={error} />
		</div>
	);
}
