import { useEffect, useState } from 'preact/hooks';
import { describeError, request } from '../api';
import { when } from '../format';
import type { FeedItem, ProvenanceSummary } from '../types';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

const SOURCE_TYPES: Record<string, string> = {
	trainedAlgorithmicMedia: 'Made by a generative AI model (trained algorithmic media)',
	compositeWithTrainedAlgorithmicMedia: 'A composite that includes AI-generated media',
};

/** What the C2PA manifest signed into the file says, in words. */
export function ProvenanceDialog(props: { item: FeedItem | null; onClose: () => void }) {
	const [summary, setSummary] = useState<ProvenanceSummary | null>(null);
	const [error, setError] = useState<string | null>(null);

	useEffect(() => {
		setSummary(null);
		setError(null);
		if (!props.item) return;
		const access = new URL(props.item.contentUrl).searchParams.get('access');
		request<ProvenanceSummary>(
			'GET',
			`/v1/feed/${props.item.id}/provenance${access ? `?access=${encodeURIComponent(access)}` : ''}`,
		)
			.then(setSummary)
			.catch((err) => setError(describeError(err)));
	}, [props.item?.id]);

	const sourceType = summary?.digitalSourceType?.split('/').pop() ?? '';
	return (
		<Dialog open={Boolean(props.item)} title="Content credentials" onClose={props.onClose}>
			{!summary && !error && <p aria-busy="true">Reading the signed manifest…</p>}
			<ErrorMessage error={error} />
			{summary && (
				<div class="stack">
					<p class="ai-disclosure">{summary.aiDisclosure.label}</p>
					{!summary.signed ? (
						<p>This clip carries no signed C2PA manifest.</p>
					) : (
						<dl class="facts">
							<dt>Signed by</dt>
							<dd>{summary.signer?.commonName ?? summary.signer?.issuer ?? 'unknown signer'}</dd>
							<dt>Certificate issued by</dt>
							<dd>{summary.signer?.issuer ?? '—'}</dd>
							<dt>When</dt>
							<dd>
								{summary.signedAt
									? when(summary.signedAt)
									: `${when(summary.renderedAt)} (server clock; no trusted timestamp)`}
							</dd>
							<dt>Made with</dt>
							<dd>
								{summary.provider.name}
								{summary.provider.offline === true
									? ' (runs on this service)'
									: summary.provider.offline === false
										? ' (remote generator)'
										: ''}
								{summary.claimGenerator ? `, signed by ${summary.claimGenerator}` : ''}
							</dd>
							<dt>Source type</dt>
							<dd>{SOURCE_TYPES[sourceType] ?? (sourceType || 'not stated')}</dd>
							<dt>Cameos</dt>
							<dd>
								{summary.cameos.length === 0 ? (
									'No real person appears.'
								) : (
									<ul>
										{summary.cameos.map((c) => (
											<li key={c.cameoId}>
												{c.name ?? c.cameoId}
												{c.character ? ` as ${c.character}` : ''}:{' '}
												{c.consent === 'active'
													? `consent recorded ${when(c.consentedAt)}`
													: c.consent === 'revoked'
														? 'consent since revoked'
														: 'consent record not found'}
											</li>
										))}
									</ul>
								)}
							</dd>
							{summary.ingredients.length > 0 && (
								<>
									<dt>Remixed from</dt>
									<dd>
										{summary.ingredients.map((i) => i.title ?? i.renderId ?? 'a video').join(', ')}
									</dd>
								</>
							)}
							<dt>Check</dt>
							<dd>
								{summary.validationState === 'Trusted'
									? 'Signature valid and trusted'
									: (summary.validationState ?? 'not validated')}
							</dd>
						</dl>
					)}
					<p class="hint">
						{summary.aiDisclosure.standard}. The manifest is signed into the video file itself
						(C2PA).
					</p>
				</div>
			)}
		</Dialog>
	);
}
