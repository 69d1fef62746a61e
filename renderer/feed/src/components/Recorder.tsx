import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Records the camera and microphone in the browser (MediaRecorder, WebM) with a live preview, or
 * takes a clip the person already has. Hands the video to `onReady`.
 */
export function Recorder(props: { onReady: (video: Blob) => void; busy: boolean }) {
	const preview = useRef<HTMLVideoElement>(null);
	const [stream, setStream] = useState<MediaStream | null>(null);
	const [recorder, setRecorder] = useState<MediaRecorder | null>(null);
	const [seconds, setSeconds] = useState(0);
	const [recorded, setRecorded] = useState<{ blob: Blob; url: string } | null>(null);
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

	useEffect(() => {
		if (!recorder) return undefined;
		const started = Date.now();
		const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
		return () => clearInterval(timer);
	}, [recorder]);

	async function openCamera() {
		setError(null);
		try {
			setStream(
				await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: true }),
			);
		} catch (err) {
			setError(`The camera or microphone could not be opened: ${(err as Error).message}`);
		}
	}

	function start() {
		if (!stream) return;
		const type = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'].find((t) =>
			MediaRecorder.isTypeSupported(t),
		);
		const chunks: Blob[] = [];
		const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
		rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
		rec.onstop = () => {
			const blob = new Blob(chunks, { type: rec.mimeType || 'video/webm' });
			setRecorded({ blob, url: URL.createObjectURL(blob) });
			setRecorder(null);
		};
		rec.start(250);
		setSeconds(0);
		setRecorded(null);
		setRecorder(rec);
	}

	function stop() {
		recorder?.stop();
		stream?.getTracks().forEach((t) => t.stop());
		setStream(null);
	}

	return (
		<div class="recorder stack">
			{!stream && !recorded && canRecord && (
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
					/>
					{recorder ? (
						<button type="button" onClick={stop}>
							Stop recording ({seconds} s)
						</button>
					) : (
						<button type="button" onClick={start}>
							Start recording
						</button>
					)}
				</div>
			)}
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
						<button
							type="button"
							class="secondary"
							onClick={() => (setRecorded(null), openCamera())}
						>
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
			{error && (
				<p class="error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
