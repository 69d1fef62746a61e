import { useState } from 'preact/hooks';
import { announce } from '../hooks';
import type { FeedItem } from '../types';
import { Dialog } from './Dialog';

/** The clip's link, to copy or hand to the system's share sheet. */
export function ShareDialog(props: { item: FeedItem | null; onClose: () => void }) {
	const [copied, setCopied] = useState(false);
	const item = props.item;
	const canShare = typeof navigator.share === 'function';

	async function copy() {
		if (!item) return;
		try {
			await navigator.clipboard.writeText(item.shareUrl);
			setCopied(true);
			announce('Link copied');
		} catch {
			const field = document.getElementById('share-link') as HTMLInputElement | null;
			field?.select();
			announce('Select the link and copy it');
		}
	}

	return (
		<Dialog
			open={Boolean(item)}
			title="Share this clip"
			onClose={() => {
				setCopied(false);
				props.onClose();
			}}
		>
			{item && (
				<div class="stack">
					<label>
						Link
						<input
							id="share-link"
							type="url"
							readOnly
							value={item.shareUrl}
							onFocus={(e) => (e.target as HTMLInputElement).select()}
						/>
					</label>
					{item.visibility === 'private' && (
						<p class="hint">This clip is private: only you can open the link.</p>
					)}
					<div class="row">
						<button type="button" onClick={copy}>
							{copied ? 'Copied' : 'Copy link'}
						</button>
						{canShare && (
							<button
								type="button"
								class="secondary"
								onClick={() =>
									navigator
										.share({ title: item.title ?? 'A Reelforge clip', url: item.shareUrl })
										.catch(() => undefined)
								}
							>
								Share…
							</button>
						)}
					</div>
				</div>
			)}
		</Dialog>
	);
}
