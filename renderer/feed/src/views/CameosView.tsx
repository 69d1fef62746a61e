import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Dialog } from '../components/Dialog';
import { Recorder } from '../components/Recorder';
import { Table } from '../components/Table';
import { Select, SubmitButton, TextField } from '../components/Field';
import { when } from '../format';
import { announce, useAction, useSession } from '../hooks';
import type { AuditEntry, Cameo, Privacy } from '../types';
import { ErrorMessage } from '../components/ErrorMessage';

const PRIVACY: Array<{ value: Privacy; label: string }> = [
	{ value: 'private', label: 'Private: only you' },
	{ value: 'restricted', label: 'Restricted: you and the keys you list' },
	{ value: 'public', label: 'Public: anyone with a key' },
];
const STATUS: Record<Cameo['status'], string> = {
	awaiting_recording: 'Waiting for your recording',
	active: 'Active',
	rejected: 'Rejected',
	revoked: 'Revoked',
};

/** Register a cameo of yourself, see its checks, choose who may use it, revoke it, read its log. */
export function CameosView(props: { onSignIn: () => void }) {
	const { apiKey } = useSession();
	const [cameos, setCameos] = useState<Cameo[] | null>(null);
	const [name, setName] = useState('');
	const [privacy, setPrivacy] = useState<Privacy>('private');
	const { busy, error, run } = useAction();

	const load = () =>
		run(async () => setCameos((await request<{ data: Cameo[] }>('GET', '/v1/cameos')).data));
	useEffect(() => {
		if (apiKey) void load();
	}, [apiKey]);

	if (!apiKey)
		return (
			<section class="panel" aria-labelledby="cameos-title">
				<h1 id="cameos-title">My cameos</h1>
				<p>Sign in to register a cameo of yourself and choose who may cast it.</p>
				<button type="button" onClick={props.onSignIn}>
					Sign in
				</button>
			</section>
		);

	async function register(event: Event) {
		event.preventDefault();
		const registered = await run(async () => {
			const cameo = await request<Cameo>('POST', '/v1/cameos', { body: { name, privacy } });
			setName('');
			announce(`Cameo ${cameo.name} registered. Read the words shown and record yourself.`);
		});
		if (registered) await load();
	}

	return (
		<section class="panel" aria-labelledby="cameos-title">
			<h1 id="cameos-title">My cameos</h1>
			<p class="hint">
				A cameo lets a video show you, with your consent. You read a few random words on camera; the
				service checks that a face is there and that the words were said, then cuts out your
				likeness and learns your voice.
			</p>
			<form class="stack card" onSubmit={register} aria-labelledby="register-title">
				<h2 id="register-title">Register a cameo</h2>
				<TextField label="Your name" required maxLength={120} value={name} onValue={setName} />
				<Select label="Who may use it" value={privacy} choices={PRIVACY} onValue={setPrivacy} />
				<SubmitButton busy={busy}>Get my reading script</SubmitButton>
			</form>
			<ErrorMessage error={error} />
			{cameos && cameos.length === 0 && <p>You have no cameos yet.</p>}
			{cameos?.map((cameo) => (
				<CameoCard key={cameo.id} cameo={cameo} onChange={load} />
			))}
		</section>
	);
}

function CameoCard(props: { cameo: Cameo; onChange: () => Promise<unknown> }) {
	const { cameo } = props;
	const { busy, error, setError, run } = useAction((err) =>
		err instanceof ApiError && err.status === 422
			? `Not accepted: ${err.message}. Try again.`
			: undefined,
	);
	const [privacy, setPrivacy] = useState<Privacy>(cameo.privacy);
	const [allowed, setAllowed] = useState<string[]>(cameo.allowedKeyIds);
	const [newKey, setNewKey] = useState('');
	const [audit, setAudit] = useState<AuditEntry[] | null>(null);
	const [confirming, setConfirming] = useState(false);
	const titleId = `cameo-${cameo.id}`;

	useEffect(() => {
		setPrivacy(cameo.privacy);
		setAllowed(cameo.allowedKeyIds);
	}, [cameo.privacy, cameo.allowedKeyIds.join(',')]);

	async function upload(video: Blob) {
		await run(async () => {
			// The service takes the media type without codec parameters.
			const type = (video.type || 'video/webm').split(';')[0];
			await request('PUT', `/v1/cameos/${cameo.id}/recording`, { raw: { body: video, type } });
			announce(`Recording accepted: cameo ${cameo.name} is active.`);
		});
		// Accepted or not, the card shows the new state (a refusal uses up an attempt).
		await props.onChange();
	}

	async function save(event: Event) {
		event.preventDefault();
		await run(async () => {
			await request('PATCH', `/v1/cameos/${cameo.id}`, {
				body: { privacy, allowedKeyIds: allowed },
			});
			announce(`Saved: ${cameo.name} is ${privacy}.`);
			await props.onChange();
		});
	}

	async function revoke() {
		setConfirming(false);
		await run(async () => {
			await request('DELETE', `/v1/cameos/${cameo.id}`);
			announce(`Cameo ${cameo.name} revoked.`);
			await props.onChange();
		});
	}

	async function toggleAudit() {
		if (audit) return setAudit(null);
		await run(async () =>
			setAudit((await request<{ data: AuditEntry[] }>('GET', `/v1/cameos/${cameo.id}/audit`)).data),
		);
	}

	function addKey(event: Event) {
		event.preventDefault();
		const id = newKey.trim();
		if (!/^key_[0-9a-z]+$/.test(id)) return setError('A key id looks like key_01abc…');
		if (!allowed.includes(id)) setAllowed([...allowed, id]);
		setNewKey('');
		setError(null);
	}

	return (
		<article class="card stack cameo" aria-labelledby={titleId} data-cameo={cameo.id}>
			<h2 id={titleId}>
				{cameo.name} <span class={`status ${cameo.status}`}>{STATUS[cameo.status]}</span>
			</h2>
			{cameo.status === 'awaiting_recording' && cameo.script && (
				<div class="stack">
					<p>Look at the camera and read these words aloud, in order:</p>
					<p class="script" aria-label="Reading script">
						{cameo.script.words.join(' ')}
					</p>
					<Recorder onReady={upload} busy={busy} />
				</div>
			)}
			{cameo.rejection && cameo.status !== 'active' && (
				<p class="error">
					Last recording: {cameo.rejection.reason} ({cameo.attempts} of 5 attempts used)
				</p>
			)}
			{cameo.checks && (
				<dl class="facts checks">
					<dt>Face</dt>
					<dd>
						{cameo.checks.face.found ? 'Found' : 'Not found'} in {cameo.checks.face.framesWithFace}{' '}
						of {cameo.checks.face.framesChecked} frames
					</dd>
					{cameo.checks.speech && (
						<>
							<dt>Words heard</dt>
							<dd>
								{Math.round(cameo.checks.speech.matchFraction * 100)}% of the script (
								{Math.round(cameo.checks.speech.threshold * 100)}% needed): “
								{cameo.checks.speech.heard.join(' ')}”
							</dd>
						</>
					)}
					{cameo.checks.cutout && (
						<>
							<dt>Cut-out</dt>
							<dd>{cameo.checks.cutout.matte}</dd>
						</>
					)}
				</dl>
			)}
			{cameo.status !== 'revoked' && cameo.status !== 'rejected' && (
				<form class="stack" onSubmit={save} aria-label={`Who may use ${cameo.name}`}>
					<Select label="Who may use it" value={privacy} choices={PRIVACY} onValue={setPrivacy} />
					{privacy === 'restricted' && (
						<div class="stack">
							<p id={`${titleId}-allowed`}>Keys allowed to use it:</p>
							{allowed.length === 0 ? (
								<p class="hint">None yet.</p>
							) : (
								<ul class="allow-list" aria-labelledby={`${titleId}-allowed`}>
									{allowed.map((id) => (
										<li key={id}>
											<code>{id}</code>{' '}
											<button
												type="button"
												class="secondary small"
												onClick={() => setAllowed(allowed.filter((x) => x !== id))}
											>
												Remove {id}
											</button>
										</li>
									))}
								</ul>
							)}
							<div class="row">
								<TextField
									label="Key id to allow"
									placeholder="key_…"
									value={newKey}
									onValue={setNewKey}
									onKeyDown={(e) => e.key === 'Enter' && addKey(e)}
								/>
								<button type="button" class="secondary" onClick={addKey}>
									Add key
								</button>
							</div>
						</div>
					)}
					<div class="row">
						<SubmitButton busy={busy}>Save who may use it</SubmitButton>
						<button
							type="button"
							class="danger"
							disabled={busy}
							onClick={() => setConfirming(true)}
						>
							Revoke
						</button>
					</div>
				</form>
			)}
			{cameo.revokedAt && <p>Revoked {when(cameo.revokedAt)}: the likeness was deleted.</p>}
			<button type="button" class="secondary" aria-expanded={Boolean(audit)} onClick={toggleAudit}>
				{audit ? 'Hide the audit log' : 'Show the audit log'}
			</button>
			{audit && (
				<Table
					caption={`Audit log of ${cameo.name}, newest first`}
					columns={['When', 'What', 'Key', 'Detail']}
				>
					{audit.map((entry) => (
						<tr key={entry.id}>
							<td>{when(entry.at)}</td>
							<td>{entry.event}</td>
							<td>
								<code>{entry.keyId}</code>
							</td>
							<td>{[entry.renderId, entry.detail].filter(Boolean).join(' · ')}</td>
						</tr>
					))}
				</Table>
			)}
			<ErrorMessage error={error} />
			<Dialog
				open={confirming}
				title={`Revoke ${cameo.name}?`}
				onClose={() => setConfirming(false)}
			>
				<div class="stack">
					<p>
						The likeness is deleted, renders still using it fail, and published videos that show it
						are taken down. This cannot be undone.
					</p>
					<div class="row">
						<button type="button" class="danger" onClick={revoke}>
							Revoke the cameo
						</button>
						<button type="button" class="secondary" onClick={() => setConfirming(false)}>
							Keep it
						</button>
					</div>
				</div>
			</Dialog>
		</article>
	);
}
