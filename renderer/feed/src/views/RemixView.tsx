import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, request, sameOrigin, streamEvents } from '../api';
import { announce, useSession } from '../hooks';
import { href, navigate } from '../router';
import type { Capabilities, FeedItem, RenderView, UsableCameo } from '../types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Checkbox, Select, SubmitButton, TextArea, TextField } from '../components/Field';

interface ShotDraft {
	prompt: string;
	duration: string;
	provider: string;
}

const VISIBILITY = [
	{ value: 'public', label: 'Public' },
	{ value: 'unlisted', label: 'Unlisted (by link)' },
	{ value: 'private', label: 'Private (only you)' },
];

/** Where the re-cut starts and ends, in seconds of the clip; each may be left empty. */
const TRIM_POINTS = [
	{ id: 'start', label: 'Start at (s)', min: 0 },
	{ id: 'end', label: 'End at (s)', min: 0.1 },
] as const;
type TrimPoint = (typeof TRIM_POINTS)[number]['id'];

type Progress = { renderId: string; status: string; progress: number; stage: string };

/**
 * Whether the remix API takes a generator per extra shot (it does once remote providers can make
 * shots): read from the service's own OpenAPI document, so the form offers only what the API takes.
 */
function shotProviderSupported(openapi: unknown): boolean {
	type Node = { properties?: Record<string, Node>; items?: Node } | undefined;
	const doc = openapi as {
		paths?: Record<
			string,
			{ post?: { requestBody?: { content?: Record<string, { schema?: Node }> } } }
		>;
	};
	const body = doc.paths?.['/v1/remixes']?.post?.requestBody?.content?.['application/json']?.schema;
	return Boolean(
		body?.properties?.operations?.properties?.extend?.properties?.shots?.items?.properties
			?.provider,
	);
}

/** Remix any clip: style, music, re-cut, extra shots, a cameo; live progress; published when ready. */
export function RemixView(props: { itemId: string; onSignIn: () => void }) {
	const { apiKey } = useSession();
	const [item, setItem] = useState<FeedItem | null>(null);
	const [caps, setCaps] = useState<Capabilities | null>(null);
	const [cameos, setCameos] = useState<UsableCameo[]>([]);
	const [perShotProvider, setPerShotProvider] = useState(false);
	const [loadError, setLoadError] = useState<string | null>(null);

	const [style, setStyle] = useState('');
	const [music, setMusic] = useState(false);
	const [mood, setMood] = useState('upbeat');
	const [tempo, setTempo] = useState('');
	const [trim, setTrim] = useState<Record<TrimPoint, string>>({ start: '', end: '' });
	const [shots, setShots] = useState<ShotDraft[]>([]);
	const editShot = (index: number, change: Partial<ShotDraft>) =>
		setShots(shots.map((shot, i) => (i === index ? { ...shot, ...change } : shot)));
	const [cameoId, setCameoId] = useState('');
	const [cameoName, setCameoName] = useState('');
	const [quality, setQuality] = useState('draft');
	const [publish, setPublish] = useState(true);
	const [visibility, setVisibility] = useState('public');
	const [title, setTitle] = useState('');

	const [error, setError] = useState<string | null>(null);
	const [progress, setProgress] = useState<Progress | null>(null);
	const [outcome, setOutcome] = useState<string | null>(null);
	const abort = useRef<AbortController | null>(null);
	const heading = useRef<HTMLHeadingElement>(null);

	useEffect(() => () => abort.current?.abort(), []);

	useEffect(() => {
		if (!apiKey) return;
		setLoadError(null);
		Promise.all([
			request<FeedItem>('GET', `/v1/feed/${props.itemId}`),
			request<Capabilities>('GET', '/v1/capabilities'),
			request<{ data: UsableCameo[] }>('GET', '/v1/cameos?scope=usable').catch(() => ({
				data: [],
			})),
			request<unknown>('GET', '/openapi.json').catch(() => ({})),
		])
			.then(([clip, capabilities, usable, openapi]) => {
				setItem(clip);
				setTitle(`Remix of ${clip.title ?? 'a clip'}`.slice(0, 200));
				setCaps(capabilities);
				setCameos(usable.data);
				setPerShotProvider(shotProviderSupported(openapi));
				heading.current?.focus();
			})
			.catch((err) => setLoadError(describeError(err)));
	}, [props.itemId, apiKey]);

	if (!apiKey)
		return (
			<section class="panel" aria-labelledby="remix-title">
				<h1 id="remix-title">Remix</h1>
				<p>
					Sign in to remix a clip: the remix renders with your key and counts against your quota.
				</p>
				<button type="button" onClick={props.onSignIn}>
					Sign in
				</button>
			</section>
		);

	const providers = (caps?.providers ?? []).filter(
		(p) => p.available && !p.features.includes('diagnostic'),
	);

	function operations() {
		const ops: Record<string, unknown> = {};
		if (style) ops.style = style;
		if (music) ops.music = { mood, ...(tempo ? { tempo: Number(tempo) } : {}) };
		const cut = Object.entries(trim).filter(([, seconds]) => seconds);
		if (cut.length)
			ops.recut = {
				trim: Object.fromEntries(cut.map(([point, seconds]) => [point, Number(seconds)])),
			};
		const extra = shots.filter((s) => s.prompt.trim());
		if (extra.length)
			ops.extend = {
				shots: extra.map((s) => ({
					prompt: s.prompt.trim(),
					...(s.duration ? { duration: Number(s.duration) } : {}),
					...(perShotProvider && s.provider ? { provider: s.provider } : {}),
				})),
			};
		if (cameoId) {
			const cameo = cameos.find((c) => c.id === cameoId);
			ops.cameo = { cameoId, name: (cameoName.trim() || cameo?.name || 'Guest').slice(0, 80) };
		}
		return ops;
	}

	async function submit(event: Event) {
		event.preventDefault();
		setError(null);
		setOutcome(null);
		const ops = operations();
		if (Object.keys(ops).length === 0) return setError('Choose at least one change to make.');
		let render: RenderView;
		try {
			render = await request<RenderView>('POST', '/v1/remixes', {
				body: { source: { feedItemId: props.itemId }, operations: ops, output: { quality } },
			});
		} catch (err) {
			return setError(describeError(err));
		}
		announce('Remix started');
		setProgress({
			renderId: render.id,
			status: render.status,
			progress: render.progress,
			stage: render.stage,
		});
		const controller = new AbortController();
		abort.current = controller;
		let final: RenderView | null = null;
		try {
			await streamEvents(
				`/v1/renders/${render.id}/events`,
				(name, data) => {
					if (name === 'progress') setProgress(data as Progress);
					if (name === 'done') final = data as RenderView;
				},
				controller.signal,
			);
		} catch (err) {
			if ((err as Error).name === 'AbortError') return;
			return setError(describeError(err));
		}
		const done = final as RenderView | null;
		if (!done || done.status !== 'completed') {
			setProgress(null);
			return setError(
				done?.error
					? `The remix failed: ${done.error.message} (${done.error.code})`
					: `The remix ended ${done?.status ?? 'without an answer'}.`,
			);
		}
		setProgress({ renderId: done.id, status: 'completed', progress: 100, stage: 'done' });
		if (!publish) {
			setOutcome('Your remix is ready. It is not published; find it with GET /v1/renders.');
			return announce('Remix ready');
		}
		try {
			const publication = await request<{ id: string }>('POST', `/v1/renders/${done.id}/publish`, {
				body: { target: 'feed', visibility, title: title.trim() || undefined },
			});
			announce('Remix published');
			navigate(href.clip(publication.id));
		} catch (err) {
			setError(
				err instanceof ApiError && err.code.startsWith('moderation')
					? `The remix was rendered but not published: ${err.message}`
					: describeError(err),
			);
		}
	}

	async function cancel() {
		if (!progress) return;
		abort.current?.abort();
		await request('DELETE', `/v1/renders/${progress.renderId}`).catch(() => undefined);
		setProgress(null);
		announce('Remix canceled');
	}

	const busy = Boolean(progress) && progress?.status !== 'completed';
	return (
		<section class="panel remix" aria-labelledby="remix-title">
			<h1 id="remix-title" tabIndex={-1} ref={heading}>
				Remix {item ? `“${item.title ?? 'Untitled clip'}”` : ''}
			</h1>
			<ErrorMessage error={loadError} />
			{item && (
				<div class="remix-layout">
					{item.posterUrl && (
						<img
							class="remix-poster"
							src={sameOrigin(item.posterUrl)}
							alt={`Poster of ${item.title ?? 'the clip'}`}
						/>
					)}
					<form class="stack" onSubmit={submit} aria-describedby="remix-help">
						<p id="remix-help" class="hint">
							Change one thing or several. Cameos in the original that you may not use are drawn as
							ordinary characters.
						</p>
						<Select
							label="Style"
							value={style}
							choices={[{ value: '', label: 'Keep the original style' }, ...(caps?.styles ?? [])]}
							onValue={setStyle}
						/>
						<fieldset>
							<legend>Music</legend>
							<Checkbox label="New music" checked={music} onChecked={setMusic} />
							{music && (
								<div class="row">
									<Select
										label="Mood"
										value={mood}
										choices={(caps?.vocabulary.musicMoods ?? [{ id: 'upbeat' }]).map((m) => m.id)}
										onValue={setMood}
									/>
									<TextField
										label="Tempo (BPM, optional)"
										type="number"
										min={40}
										max={200}
										value={tempo}
										onValue={setTempo}
									/>
								</div>
							)}
						</fieldset>
						<fieldset>
							<legend>Re-cut</legend>
							<div class="row">
								{TRIM_POINTS.map((point) => (
									<TextField
										key={point.id}
										label={point.label}
										type="number"
										min={point.min}
										step={0.1}
										max={item.durationSeconds}
										value={trim[point.id]}
										onValue={(seconds) => setTrim({ ...trim, [point.id]: seconds })}
									/>
								))}
							</div>
						</fieldset>
						<fieldset>
							<legend>Extra shots</legend>
							{shots.map((shot, i) => (
								<div class="shot" key={i} role="group" aria-label={`Extra shot ${i + 1}`}>
									<TextArea
										label={`What happens in shot ${i + 1}`}
										rows={2}
										maxLength={4000}
										value={shot.prompt}
										onValue={(prompt) => editShot(i, { prompt })}
									/>
									<div class="row">
										<TextField
											label="Seconds"
											type="number"
											min={0.5}
											max={60}
											step={0.5}
											value={shot.duration}
											onValue={(duration) => editShot(i, { duration })}
										/>
										{perShotProvider && (
											<Select
												label="Made by"
												value={shot.provider}
												choices={[
													{ value: '', label: "The clip's own engine" },
													...providers.map((p) => ({ value: p.id, label: p.displayName })),
												]}
												onValue={(provider) => editShot(i, { provider })}
											/>
										)}
										<button
											type="button"
											class="secondary"
											onClick={() => setShots(shots.filter((_, j) => j !== i))}
										>
											Remove shot {i + 1}
										</button>
									</div>
								</div>
							))}
							{shots.length < 16 && (
								<button
									type="button"
									class="secondary"
									onClick={() => setShots([...shots, { prompt: '', duration: '3', provider: '' }])}
								>
									Add a shot
								</button>
							)}
							{!perShotProvider && providers.length > 0 && (
								<p class="hint">
									New shots are made by{' '}
									{providers.find((p) => p.id === item.about?.provider)?.displayName ??
										providers.map((p) => p.displayName).join(', ')}
									.
								</p>
							)}
						</fieldset>
						<fieldset>
							<legend>Cameo</legend>
							<Select
								label="Cast a cameo"
								value={cameoId}
								choices={[
									{ value: '', label: 'No cameo' },
									...cameos.map((c) => ({
										value: c.id,
										label: c.yours ? `${c.name} (you)` : c.name,
									})),
								]}
								onValue={setCameoId}
							/>
							{cameos.length === 0 && (
								<p class="hint">
									No cameos you may use yet. <a href={href.cameos()}>Register yours</a>.
								</p>
							)}
							{cameoId && (
								<TextField
									label="Character name"
									maxLength={80}
									value={cameoName}
									placeholder={cameos.find((c) => c.id === cameoId)?.name}
									onValue={setCameoName}
								/>
							)}
						</fieldset>
						<fieldset>
							<legend>Output</legend>
							<div class="row">
								<Select
									label="Quality"
									value={quality}
									choices={caps?.qualities ?? ['draft', 'standard']}
									onValue={setQuality}
								/>
								<Checkbox
									label="Publish to the feed when ready"
									checked={publish}
									onChecked={setPublish}
								/>
							</div>
							{publish && (
								<div class="row">
									<TextField label="Title" maxLength={200} value={title} onValue={setTitle} />
									<Select
										label="Visibility"
										value={visibility}
										choices={VISIBILITY}
										onValue={setVisibility}
									/>
								</div>
							)}
						</fieldset>
						<ErrorMessage error={error} />
						{progress && (
							<div class="progress" role="status" aria-live="polite">
								<label>
									{progress.status === 'completed'
										? 'Rendered'
										: `Rendering: ${progress.stage} (${progress.status})`}
									<progress
										max={100}
										value={progress.progress}
										aria-valuetext={`${progress.progress}%`}
									>
										{progress.progress}%
									</progress>
								</label>
								<span class="percent">{progress.progress}%</span>
							</div>
						)}
						{outcome && <p role="status">{outcome}</p>}
						<div class="row">
							<SubmitButton busy={busy} busyLabel="Remixing…">
								Remix
							</SubmitButton>
							{busy && (
								<button type="button" class="secondary" onClick={cancel}>
									Cancel
								</button>
							)}
							<a class="button-link secondary" href={href.clip(props.itemId)}>
								Back to the clip
							</a>
						</div>
					</form>
				</div>
			)}
		</section>
	);
}
