import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, request, sameOrigin, streamEvents } from '../api';
import { announce, useSession } from '../hooks';
import { href, navigate } from '../router';
import type { Capabilities, FeedItem, RenderView, UsableCameo } from '../types';
import { ErrorMessage } from '../components/ErrorMessage';

interface ShotDraft {
	prompt: string;
	duration: string;
	provider: string;
}

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
	const [trimStart, setTrimStart] = useState('');
	const [trimEnd, setTrimEnd] = useState('');
	const [shots, setShots] = useState<ShotDraft[]>([]);
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
		if (trimStart || trimEnd)
			ops.recut = {
				trim: {
					...(trimStart ? { start: Number(trimStart) } : {}),
					...(trimEnd ? { end: Number(trimEnd) } : {}),
				},
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
						<label>
							Style
							<select
								value={style}
								onChange={(e) => setStyle((e.target as HTMLSelectElement).value)}
							>
								<option value="">Keep the original style</option>
								{(caps?.styles ?? []).map((s) => (
									<option key={s} value={s}>
										{s}
									</option>
								))}
							</select>
						</label>
						<fieldset>
							<legend>Music</legend>
							<label class="check">
								<input
									type="checkbox"
									checked={music}
									onChange={(e) => setMusic((e.target as HTMLInputElement).checked)}
								/>
								New music
							</label>
							{music && (
								<div class="row">
									<label>
										Mood
										<select
											value={mood}
											onChange={(e) => setMood((e.target as HTMLSelectElement).value)}
										>
											{(caps?.vocabulary.musicMoods ?? [{ id: 'upbeat', description: '' }]).map(
												(m) => (
													<option key={m.id} value={m.id}>
														{m.id}
													</option>
												),
											)}
										</select>
									</label>
									<label>
										Tempo (BPM, optional)
										<input
											type="number"
											min={40}
											max={200}
											value={tempo}
											onInput={(e) => setTempo((e.target as HTMLInputElement).value)}
										/>
									</label>
								</div>
							)}
						</fieldset>
						<fieldset>
							<legend>Re-cut</legend>
							<div class="row">
								<label>
									Start at (s)
									<input
										type="number"
										min={0}
										step={0.1}
										max={item.durationSeconds}
										value={trimStart}
										onInput={(e) => setTrimStart((e.target as HTMLInputElement).value)}
									/>
								</label>
								<label>
									End at (s)
									<input
										type="number"
										min={0.1}
										step={0.1}
										max={item.durationSeconds}
										value={trimEnd}
										onInput={(e) => setTrimEnd((e.target as HTMLInputElement).value)}
									/>
								</label>
							</div>
						</fieldset>
						<fieldset>
							<legend>Extra shots</legend>
							{shots.map((shot, i) => (
								<div class="shot" key={i} role="group" aria-label={`Extra shot ${i + 1}`}>
									<label>
										What happens in shot {i + 1}
										<textarea
											rows={2}
											maxLength={4000}
											value={shot.prompt}
											onInput={(e) =>
												setShots(
													shots.map((s, j) =>
														j === i ? { ...s, prompt: (e.target as HTMLTextAreaElement).value } : s,
													),
												)
											}
										/>
									</label>
									<div class="row">
										<label>
											Seconds
											<input
												type="number"
												min={0.5}
												max={60}
												step={0.5}
												value={shot.duration}
												onInput={(e) =>
													setShots(
														shots.map((s, j) =>
															j === i
																? { ...s, duration: (e.target as HTMLInputElement).value }
																: s,
														),
													)
												}
											/>
										</label>
										{perShotProvider && (
											<label>
												Made by
												<select
													value={shot.provider}
													onChange={(e) =>
														setShots(
															shots.map((s, j) =>
																j === i
																	? { ...s, provider: (e.target as HTMLSelectElement).value }
																	: s,
															),
														)
													}
												>
													<option value="">The clip's own engine</option>
													{providers.map((p) => (
														<option key={p.id} value={p.id}>
															{p.displayName}
														</option>
													))}
												</select>
											</label>
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
							<label>
								Cast a cameo
								<select
									value={cameoId}
									onChange={(e) => setCameoId((e.target as HTMLSelectElement).value)}
								>
									<option value="">No cameo</option>
									{cameos.map((c) => (
										<option key={c.id} value={c.id}>
											{c.name}
											{c.yours ? ' (you)' : ''}
										</option>
									))}
								</select>
							</label>
							{cameos.length === 0 && (
								<p class="hint">
									No cameos you may use yet. <a href={href.cameos()}>Register yours</a>.
								</p>
							)}
							{cameoId && (
								<label>
									Character name
									<input
										type="text"
										maxLength={80}
										value={cameoName}
										placeholder={cameos.find((c) => c.id === cameoId)?.name}
										onInput={(e) => setCameoName((e.target as HTMLInputElement).value)}
									/>
								</label>
							)}
						</fieldset>
						<fieldset>
							<legend>Output</legend>
							<div class="row">
								<label>
									Quality
									<select
										value={quality}
										onChange={(e) => setQuality((e.target as HTMLSelectElement).value)}
									>
										{(caps?.qualities ?? ['draft', 'standard']).map((q) => (
											<option key={q} value={q}>
												{q}
											</option>
										))}
									</select>
								</label>
								<label class="check">
									<input
										type="checkbox"
										checked={publish}
										onChange={(e) => setPublish((e.target as HTMLInputElement).checked)}
									/>
									Publish to the feed when ready
								</label>
							</div>
							{publish && (
								<div class="row">
									<label>
										Title
										<input
											type="text"
											maxLength={200}
											value={title}
											onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
										/>
									</label>
									<label>
										Visibility
										<select
											value={visibility}
											onChange={(e) => setVisibility((e.target as HTMLSelectElement).value)}
										>
											<option value="public">Public</option>
											<option value="unlisted">Unlisted (by link)</option>
											<option value="private">Private (only you)</option>
										</select>
									</label>
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
							<button type="submit" disabled={busy}>
								{busy ? 'Remixing…' : 'Remix'}
							</button>
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
