import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError, request, sameOrigin } from '../api';
import { when } from '../format';
import { announce, useAction, useSession } from '../hooks';
import { session } from '../session';
import { REPORT_REASONS, type AdminStats, type ReviewCase, type ReviewDecision } from '../types';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextArea, TextField } from '../components/Field';
import { Table } from '../components/Table';

const reasonLabel = (id: string) => REPORT_REASONS.find((r) => r.id === id)?.label ?? id;

/** The operator's view (admin key): the service at a glance and the report review queue. */
export function AdminView() {
	const { adminKey } = useSession();
	const [stats, setStats] = useState<AdminStats | null>(null);
	const [cases, setCases] = useState<ReviewCase[]>([]);
	const [decisions, setDecisions] = useState<ReviewDecision[]>([]);
	const [error, setError] = useState<string | null>(null);

	async function load() {
		setError(null);
		try {
			const [s, c, d] = await Promise.all([
				request<AdminStats>('GET', '/v1/admin/stats', { admin: true }),
				request<{ data: ReviewCase[] }>('GET', '/v1/admin/reviews', { admin: true }),
				request<{ data: ReviewDecision[] }>('GET', '/v1/admin/decisions?limit=20', { admin: true }),
			]);
			setStats(s);
			setCases(c.data);
			setDecisions(d.data);
		} catch (err) {
			if (err instanceof ApiError && err.status === 401) session.adminSignOut();
			setError(describeError(err));
		}
	}
	useEffect(() => {
		if (adminKey) void load();
	}, [adminKey]);

	if (!adminKey) return <AdminSignIn error={error} />;

	return (
		<section class="panel admin" aria-labelledby="admin-title">
			<div class="row spread">
				<h1 id="admin-title">Admin</h1>
				<div class="row">
					<button type="button" class="secondary" onClick={load}>
						Refresh
					</button>
					<button type="button" class="secondary" onClick={() => session.adminSignOut()}>
						Leave admin
					</button>
				</div>
			</div>
			<ErrorMessage error={error} />
			{stats && (
				<>
					<section aria-labelledby="queue-title" class="card">
						<h2 id="queue-title">Queue and renders</h2>
						<dl class="tiles">
							<div>
								<dt>Waiting</dt>
								<dd>{stats.queue.waiting}</dd>
							</div>
							<div>
								<dt>Running</dt>
								<dd>{stats.queue.active}</dd>
							</div>
							<div>
								<dt>Retrying later</dt>
								<dd>{stats.queue.delayed}</dd>
							</div>
							{Object.entries(stats.renders.byStatus).map(([status, n]) => (
								<div key={status}>
									<dt>{status}</dt>
									<dd>{n}</dd>
								</div>
							))}
						</dl>
						<p class="hint">
							Queue driver {stats.queue.driver}; renders by state over the newest{' '}
							{stats.renders.window}. As of {when(stats.generatedAt)}.
						</p>
					</section>
					<section aria-labelledby="failures-title" class="card">
						<h2 id="failures-title">Recent failures</h2>
						{stats.failures.length === 0 ? (
							<p>No failed renders.</p>
						) : (
							<Table columns={['When', 'Render', 'Provider', 'Error code', 'Message']}>
								{stats.failures.map((f) => (
									<tr key={f.renderId}>
										<td>{when(f.failedAt)}</td>
										<td>
											<code>{f.renderId}</code>
										</td>
										<td>{f.provider}</td>
										<td>
											<code class="error-code">{f.code}</code>
										</td>
										<td>{f.message}</td>
									</tr>
								))}
							</Table>
						)}
					</section>
					<section aria-labelledby="providers-title" class="card">
						<h2 id="providers-title">Providers</h2>
						<Table
							columns={[
								'Provider',
								'Health',
								'Done today',
								'Failed today',
								'Seconds today',
								'Paid seconds today',
							]}
						>
							{stats.providers.map((p) => (
								<tr key={p.id}>
									<td>
										{p.displayName}
										{p.diagnostic ? ' (diagnostic)' : ''}
									</td>
									<td>{p.available ? 'Available' : `Unavailable: ${p.reason ?? 'unknown'}`}</td>
									<td>{p.completedToday}</td>
									<td>{p.failedToday}</td>
									<td>{p.secondsToday}</td>
									<td>{p.offline ? '— (runs here)' : p.paidSecondsToday}</td>
								</tr>
							))}
						</Table>
						<p class="hint">Paid seconds today, all providers: {stats.paidSecondsToday}.</p>
					</section>
				</>
			)}
			<section aria-labelledby="reviews-title" class="card">
				<h2 id="reviews-title">Review queue</h2>
				{cases.length === 0 ? (
					<p>No open reports.</p>
				) : (
					cases.map((c) => <ReviewCard key={c.itemId} review={c} onDecided={load} />)
				)}
			</section>
			<section aria-labelledby="decisions-title" class="card">
				<h2 id="decisions-title">Decisions</h2>
				{decisions.length === 0 ? (
					<p>No decisions yet.</p>
				) : (
					<Table columns={['When', 'Clip', 'Decision', 'Reviewer', 'Reports', 'Note']}>
						{decisions.map((d) => (
							<tr key={d.id}>
								<td>{when(d.at)}</td>
								<td>
									<code>{d.itemId}</code>
								</td>
								<td>{d.decision === 'keep' ? 'Kept' : 'Removed'}</td>
								<td>{d.reviewer}</td>
								<td>
									{Object.entries(d.reasons)
										.map(([r, n]) => `${reasonLabel(r)} × ${n}`)
										.join(', ')}
								</td>
								<td>{d.note ?? ''}</td>
							</tr>
						))}
					</Table>
				)}
			</section>
		</section>
	);
}

function AdminSignIn(props: { error: string | null }) {
	const [key, setKey] = useState('');
	const [reviewer, setReviewer] = useState(session.reviewer() ?? '');
	return (
		<section class="panel" aria-labelledby="admin-title">
			<h1 id="admin-title">Admin</h1>
			<form
				class="stack card"
				onSubmit={(e) => {
					e.preventDefault();
					session.adminSignIn(key, reviewer);
				}}
			>
				<TextField
					label="Admin key"
					type="password"
					required
					autoComplete="off"
					value={key}
					onValue={setKey}
					help={
						<>
							The renderer's <code>REELFORGE_ADMIN_KEY</code>. Kept for this tab only.
						</>
					}
				/>
				<TextField
					label="Your name (recorded with each review decision)"
					required
					maxLength={80}
					value={reviewer}
					onValue={setReviewer}
				/>
				<ErrorMessage error={props.error} />
				<button type="submit">Open the admin view</button>
			</form>
		</section>
	);
}

function ReviewCard(props: { review: ReviewCase; onDecided: () => Promise<void> }) {
	const { review } = props;
	const [note, setNote] = useState('');
	const { busy, error, run } = useAction();
	const titleId = `review-${review.itemId}`;
	const title = review.item?.title ?? 'Untitled clip';

	async function decide(decision: 'keep' | 'remove') {
		await run(async () => {
			await request('POST', `/v1/admin/reviews/${review.itemId}/decisions`, {
				admin: true,
				body: {
					decision,
					reviewer: session.reviewer() ?? 'admin',
					...(note.trim() ? { note: note.trim() } : {}),
				},
			});
			announce(decision === 'keep' ? `${title} kept` : `${title} removed`);
			await props.onDecided();
		});
	}

	return (
		<article class="review" aria-labelledby={titleId} data-review={review.itemId}>
			<h3 id={titleId}>
				{title} {review.hidden && <span class="status rejected">Hidden</span>}
			</h3>
			<div class="review-body">
				{review.item && (
					<video
						class="review-video"
						src={sameOrigin(review.item.contentUrl)}
						poster={review.item.posterUrl ? sameOrigin(review.item.posterUrl) : undefined}
						controls
						muted
						preload="metadata"
						playsInline
						aria-label={`Reported clip: ${title}`}
					/>
				)}
				<div class="stack">
					<p>
						{review.openReports} open report{review.openReports === 1 ? '' : 's'}:{' '}
						{Object.entries(review.reasons)
							.map(([r, n]) => `${reasonLabel(r)} × ${n}`)
							.join(', ')}
					</p>
					<ul>
						{review.reports.map((r) => (
							<li key={r.id}>
								{when(r.createdAt)}: {reasonLabel(r.reason)}
								{r.note ? ` — “${r.note}”` : ''}
							</li>
						))}
					</ul>
					{review.item?.about?.prompt && <p class="prompt">Prompt: {review.item.about.prompt}</p>}
					<TextArea
						label="Note for the record (optional)"
						rows={2}
						maxLength={2000}
						value={note}
						onValue={setNote}
					/>
					<div class="row">
						<button type="button" disabled={busy} onClick={() => decide('keep')}>
							Keep {title}
						</button>
						<button type="button" class="danger" disabled={busy} onClick={() => decide('remove')}>
							Remove {title}
						</button>
					</div>
					<ErrorMessage error={error} />
				</div>
			</div>
		</article>
	);
}
