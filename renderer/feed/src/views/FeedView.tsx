import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../api';
import { Clip, type ClipActions } from '../components/Clip';
import { AboutDialog } from '../components/AboutDialog';
import { ProvenanceDialog } from '../components/ProvenanceDialog';
import { ReportDialog } from '../components/ReportDialog';
import { ShareDialog } from '../components/ShareDialog';
import { announce, prefersReducedMotion, useSession } from '../hooks';
import type { FeedItem, Page } from '../types';
import { ErrorMessage } from '../components/ErrorMessage';

type Open = { kind: 'provenance' | 'report' | 'about' | 'share'; item: FeedItem } | null;

const PAGE = 10;
/** How much of a clip must be on screen for it to be the one that plays. */
const ON_SCREEN = 0.6;

/**
 * The vertical feed: one clip per screen height, swipe (scroll snapping) or arrow keys to move,
 * the clip on screen plays muted until the viewer unmutes, the next one preloads.
 */
export function FeedView(props: { clip?: string; onSignIn: () => void }) {
	const { apiKey } = useSession();
	const [items, setItems] = useState<FeedItem[]>([]);
	const [cursor, setCursor] = useState<string | null>(null);
	// Which viewer and linked clip the items on screen were loaded for: the feed is busy until they
	// match the current ones. The reload starts in an effect, a frame after the key changes, so a
	// separate "loading" flag set there would leave that frame looking settled.
	const wanted = `${apiKey ?? ''}|${props.clip ?? ''}`;
	const [loadedFor, setLoadedFor] = useState<string | null>(null);
	const busy = loadedFor !== wanted;
	const [error, setError] = useState<string | null>(null);
	const [active, setActive] = useState(0);
	const [soundOn, setSoundOn] = useState(false);
	const [captionsOn, setCaptionsOn] = useState(true);
	const [open, setOpen] = useState<Open>(null);
	const list = useRef<HTMLDivElement>(null);
	const loadingMore = useRef(false);
	const reloaded = useRef(false);

	useEffect(() => {
		let stale = false;
		setError(null);
		(async () => {
			const page = await request<Page<FeedItem>>('GET', `/v1/feed?limit=${PAGE}`);
			let first: FeedItem | undefined;
			if (props.clip) {
				first = await request<FeedItem>('GET', `/v1/feed/${props.clip}`).catch((err) => {
					if (err instanceof ApiError && err.status === 404) {
						setError('That clip is not available: it may have been removed or be private.');
						return undefined;
					}
					throw err;
				});
			}
			if (stale) return;
			setItems(first ? [first, ...page.data.filter((i) => i.id !== first!.id)] : page.data);
			setCursor(page.nextCursor);
			setActive(0);
			reloaded.current = true;
		})()
			.catch((err) => !stale && setError(describeError(err)))
			.finally(() => !stale && setLoadedFor(wanted));
		return () => {
			stale = true;
		};
	}, [props.clip, apiKey, wanted]);

	// A reload starts at the top, once its items are in the page: scrolled any earlier, the scroll
	// snapping would snap back to the clip that was on screen (a linked clip put before it would be
	// skipped). Instant, so no clip in between plays on the way.
	useLayoutEffect(() => {
		if (!reloaded.current) return;
		reloaded.current = false;
		list.current?.scrollTo({ top: 0, behavior: 'instant' });
	}, [items]);

	const loadMore = useCallback(async () => {
		if (!cursor || loadingMore.current) return;
		loadingMore.current = true;
		try {
			const page = await request<Page<FeedItem>>('GET', `/v1/feed?limit=${PAGE}&cursor=${cursor}`);
			setItems((current) => [
				...current,
				...page.data.filter((i) => !current.some((c) => c.id === i.id)),
			]);
			setCursor(page.nextCursor);
		} catch (err) {
			announce(describeError(err));
		} finally {
			loadingMore.current = false;
		}
	}, [cursor]);

	useEffect(() => {
		if (active >= items.length - 3) void loadMore();
	}, [active, items.length, loadMore]);

	// The clip mostly on screen is the active one, however the viewer got there (swipe, keys, links).
	useEffect(() => {
		const root = list.current;
		if (!root) return undefined;
		const observer = new IntersectionObserver(
			(entries) => {
				// A clip leaving the screen also reports crossing the threshold, still intersecting: only
				// the one now mostly on screen becomes active.
				for (const entry of entries)
					if (entry.isIntersecting && entry.intersectionRatio >= ON_SCREEN)
						setActive(Number((entry.target as HTMLElement).dataset.index));
			},
			{ root, threshold: ON_SCREEN },
		);
		for (const clip of root.querySelectorAll('.clip')) observer.observe(clip);
		return () => observer.disconnect();
	}, [items]);

	const goTo = useCallback(
		(index: number) => {
			// While the feed reloads, a move would be undone by the reload's jump back to the top.
			if (busy) return;
			const target = Math.max(0, Math.min(items.length - 1, index));
			const clip = list.current?.querySelector<HTMLElement>(`.clip[data-index="${target}"]`);
			if (!clip) return;
			clip.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
			clip.focus({ preventScroll: true });
			setActive(target);
		},
		[busy, items.length],
	);

	useEffect(() => {
		function onKey(event: KeyboardEvent) {
			if (open || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
			const target = event.target as HTMLElement;
			if (target.closest('input, textarea, select, dialog, [contenteditable]')) return;
			const step =
				event.key === 'ArrowDown' || event.key === 'PageDown' || event.key === 'j'
					? 1
					: event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'k'
						? -1
						: 0;
			if (step) {
				event.preventDefault();
				goTo(active + step);
			} else if (event.key === 'm') {
				setSoundOn((on) => !on);
			}
		}
		addEventListener('keydown', onKey);
		return () => removeEventListener('keydown', onKey);
	}, [active, goTo, open]);

	const replace = (next: FeedItem) =>
		setItems((current) => current.map((i) => (i.id === next.id ? next : i)));

	const actions: ClipActions = {
		async onLike(item) {
			if (!apiKey) return props.onSignIn();
			const liked = !item.likedByYou;
			replace({ ...item, likedByYou: liked, likes: item.likes + (liked ? 1 : -1) });
			try {
				const answer = await request<{ likes: number; liked: boolean }>(
					liked ? 'PUT' : 'DELETE',
					`/v1/feed/${item.id}/like`,
				);
				replace({ ...item, likedByYou: answer.liked, likes: answer.likes });
				announce(
					answer.liked ? `Liked. ${answer.likes} likes.` : `Like removed. ${answer.likes} likes.`,
				);
			} catch (err) {
				replace(item);
				announce(describeError(err));
			}
		},
		onShare: (item) => setOpen({ kind: 'share', item }),
		onReport: (item) => setOpen({ kind: 'report', item }),
		onProvenance: (item) => setOpen({ kind: 'provenance', item }),
		onAbout: (item) => setOpen({ kind: 'about', item }),
		onToggleSound: () => setSoundOn((on) => !on),
		onToggleCaptions: () => setCaptionsOn((on) => !on),
	};

	return (
		<section class="feed-view" aria-label="Feed">
			<h1 class="visually-hidden">Feed</h1>
			<ErrorMessage error={error} class="banner" />
			{!busy && items.length === 0 && !error && (
				<div class="empty">
					<p>Nothing has been published yet.</p>
					<p class="hint">
						Publish a render with <code>POST /v1/renders/&lt;id&gt;/publish</code> and it shows up
						here.
					</p>
				</div>
			)}
			<div class="feed" ref={list} aria-busy={busy}>
				{items.map((item, index) => (
					<Clip
						key={item.id}
						item={item}
						index={index}
						total={items.length}
						active={index === active}
						next={index === active + 1}
						near={Math.abs(index - active) <= 1}
						soundOn={soundOn}
						captionsOn={captionsOn}
						actions={actions}
					/>
				))}
			</div>
			{items.length > 1 && (
				<div class="stepper" role="group" aria-label="Move through the feed">
					<button type="button" onClick={() => goTo(active - 1)} disabled={busy || active === 0}>
						<span aria-hidden="true">↑</span> Previous clip
					</button>
					<button
						type="button"
						onClick={() => goTo(active + 1)}
						disabled={busy || active >= items.length - 1}
					>
						<span aria-hidden="true">↓</span> Next clip
					</button>
				</div>
			)}
			<ProvenanceDialog
				item={open?.kind === 'provenance' ? open.item : null}
				onClose={() => setOpen(null)}
			/>
			<AboutDialog item={open?.kind === 'about' ? open.item : null} onClose={() => setOpen(null)} />
			<ShareDialog item={open?.kind === 'share' ? open.item : null} onClose={() => setOpen(null)} />
			<ReportDialog
				item={open?.kind === 'report' ? open.item : null}
				onClose={() => setOpen(null)}
				onSignIn={props.onSignIn}
				onHidden={(item) =>
					setItems((current) => current.filter((i) => i.id !== item.id || i.yours))
				}
			/>
		</section>
	);
}
