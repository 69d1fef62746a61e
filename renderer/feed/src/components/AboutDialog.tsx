import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { href } from '../router';
import type { ChainStep, FeedItem } from '../types';
import { Dialog } from './Dialog';

/** The prompt and style on demand, and the chain of clips this one was remixed from. */
export function AboutDialog(props: { item: FeedItem | null; onClose: () => void }) {
	const [chain, setChain] = useState<ChainStep[] | null>(null);
	useEffect(() => {
		setChain(null);
		if (!props.item?.remixedFrom) return;
		request<{ data: ChainStep[] }>('GET', `/v1/feed/${props.item.id}/chain`)
			.then((answer) => setChain(answer.data))
			.catch(() => setChain([]));
	}, [props.item?.id]);
	const item = props.item;
	return (
		<Dialog open={Boolean(item)} title="About this clip" onClose={props.onClose}>
			{item && (
				<div class="stack">
					<dl class="facts">
						<dt>Prompt</dt>
						<dd class="prompt">{item.about?.prompt || 'Not recorded.'}</dd>
						<dt>Style</dt>
						<dd>{item.about?.style ?? '—'}</dd>
						<dt>Engine</dt>
						<dd>{item.about?.provider ?? '—'}</dd>
						<dt>Length</dt>
						<dd>{item.durationSeconds.toFixed(1)} s</dd>
						<dt>Visibility</dt>
						<dd>{item.visibility}</dd>
					</dl>
					{item.remixedFrom && (
						<section aria-labelledby="chain-title">
							<h3 id="chain-title">Remix chain</h3>
							{!chain ? (
								<p aria-busy="true">Loading…</p>
							) : (
								<ol class="chain">
									<li>This clip</li>
									{chain.map((step, i) => (
										<li key={step.itemId ?? `hidden-${i}`}>
											{step.itemId ? (
												<a href={href.clip(step.itemId)} onClick={props.onClose}>
													{step.title ?? 'Untitled clip'}
												</a>
											) : (
												'A clip that is not published'
											)}
										</li>
									))}
								</ol>
							)}
						</section>
					)}
				</div>
			)}
		</Dialog>
	);
}
