import { useEffect, useRef, useState } from 'preact/hooks';
import { sameOrigin } from '../api';
import { prefersReducedMotion } from '../hooks';
import { href } from '../router';
import type { FeedItem } from '../types';

/** For the loopback benchmark (bench/feed.js): when the first clip started playing. */
function markFirstPlaying() {
	if (!performance.getEntriesByName(FIRST_PLAYING).length) performance.mark(FIRST_PLAYING);
}
const FIRST_PLAYING = 'reelforge:first-clip-playing';
/** How often the clip on screen tries again to play after an interrupted or unasked-for pause. */
const MAX_PLAY_RETRIES = 5;
const PLAY_RETRY_MS = 250;

/** Captions sit above the title and buttons drawn over the bottom of the clip, not under them. */
function liftCues(event: Event) {
	const cues = (event.target as HTMLTrackElement).track.cues;
	for (const cue of Array.from(cues ?? []) as VTTCue[]) {
		cue.snapToLines = false;
		cue.line = 62;
	}
}

export interface ClipActions {
	onLike(item: FeedItem): void;
	onShare(item: FeedItem): void;
	onReport(item: FeedItem): void;
	onProvenance(item: FeedItem): void;
	onAbout(item: FeedItem): void;
	onToggleSound(): void;
	onToggleCaptions(): void;
}

/**
 * One full-height clip. Only the clip on screen plays (muted until the viewer turns the sound on);
 * the next one preloads; clips further away keep only their poster, so a long feed stays light.
 */
export function Clip(props: {
	item: FeedItem;
	index: number;
	total: number;
	active: boolean;
	/** The clip right after the one on screen: it preloads. */
	next: boolean;
	/** Within one of the clip on screen: its video element exists. */
	near: boolean;
	soundOn: boolean;
	captionsOn: boolean;
	actions: ClipActions;
}) {
	const { item, active, actions } = props;
	const video = useRef<HTMLVideoElement>(null);
	const [paused, setPaused] = useState(true);
	// With reduced motion nothing starts by itself; once the viewer presses play, it is their choice.
	const [userPlayed, setUserPlayed] = useState(false);
	const pausedByViewer = useRef(false);
	const title = item.title ?? 'Untitled clip';

	useEffect(() => {
		const el = video.current;
		if (!el) return undefined;
		el.muted = !props.soundOn;
		if (!active) {
			el.pause();
			return undefined;
		}
		if (!userPlayed && prefersReducedMotion()) return undefined;
		pausedByViewer.current = false; // back on screen, a clip plays again
		let current = true;
		let retries = 0;
		let retryTimer: ReturnType<typeof setTimeout> | undefined;
		const start = () => {
			if (!current) return;
			el.play().catch((error: DOMException) => {
				if (!current) return;
				// Sound without a gesture is refused by some browsers: fall back to muted. A play()
				// interrupted by a load or a pause (a quick swipe back, the browser's own) is tried again
				// once it can play — at once when it already can, since 'canplay' will not fire again.
				if (error.name === 'NotAllowedError' && !el.muted) {
					el.muted = true;
					start();
				} else if (error.name === 'AbortError' && retries < MAX_PLAY_RETRIES) {
					retries += 1;
					if (el.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA)
						retryTimer = setTimeout(start, PLAY_RETRY_MS);
					else el.addEventListener('canplay', start, { once: true });
				} else setPaused(true);
			});
		};
		// A pause nobody asked for (not the viewer, not a swipe away: the browser's own, under load)
		// is undone a few times; the viewer's pause stands.
		const resumeUnasked = () => {
			if (!current || pausedByViewer.current || retries >= MAX_PLAY_RETRIES) return;
			retries += 1;
			clearTimeout(retryTimer);
			retryTimer = setTimeout(start, PLAY_RETRY_MS);
		};
		el.addEventListener('pause', resumeUnasked);
		start();
		return () => {
			current = false;
			clearTimeout(retryTimer);
			el.removeEventListener('canplay', start);
			el.removeEventListener('pause', resumeUnasked);
		};
	}, [active, props.soundOn, props.near, userPlayed]);

	useEffect(() => {
		const track = video.current?.textTracks?.[0];
		if (track) track.mode = props.captionsOn ? 'showing' : 'hidden';
	}, [props.captionsOn, props.near, item.captionsUrl]);

	function togglePlay() {
		const el = video.current;
		if (!el) return;
		if (el.paused) {
			pausedByViewer.current = false;
			setUserPlayed(true);
			void el.play().catch(() => undefined);
		} else {
			pausedByViewer.current = true;
			el.pause();
		}
	}

	return (
		<article
			class="clip"
			data-index={props.index}
			data-item={item.id}
			tabIndex={-1}
			aria-roledescription="clip"
			aria-label={`${title}, clip ${props.index + 1} of ${props.total}`}
		>
			<div class="stage">
				{props.near ? (
					<video
						ref={video}
						class="video"
						src={sameOrigin(item.contentUrl)}
						poster={item.posterUrl ? sameOrigin(item.posterUrl) : undefined}
						preload={active || props.next ? 'auto' : 'metadata'}
						muted
						loop
						playsInline
						aria-label={`Video: ${title}`}
						onClick={actions.onToggleSound}
						onPlay={() => setPaused(false)}
						onPlaying={markFirstPlaying}
						onPause={() => setPaused(true)}
					>
						{item.captionsUrl && (
							<track
								kind="captions"
								src={sameOrigin(item.captionsUrl)}
								srclang="en"
								label="English"
								default
								onLoad={liftCues}
							/>
						)}
					</video>
				) : item.posterUrl ? (
					<img class="video" src={sameOrigin(item.posterUrl)} alt="" loading="lazy" />
				) : (
					<div class="video" />
				)}
				<p class="ai-label" title={item.aiDisclosure.label}>
					AI-generated
					{item.aiDisclosure.depictsRealPerson && <span> · shows a real person, with consent</span>}
				</p>
				{item.hidden && (
					<p class="hidden-note" role="note">
						Hidden from the feed until a reviewer looks at the reports.
					</p>
				)}
				<div class="player-controls">
					<button
						type="button"
						class="icon-button"
						aria-pressed={!paused}
						aria-label={paused ? 'Play' : 'Pause'}
						onClick={togglePlay}
					>
						<span aria-hidden="true">{paused ? '▶' : '❚❚'}</span>
					</button>
					<button
						type="button"
						class="text-button"
						aria-pressed={props.soundOn}
						onClick={actions.onToggleSound}
					>
						{props.soundOn ? 'Sound on' : 'Unmute'}
					</button>
					{item.captionsUrl && (
						<button
							type="button"
							class="icon-button"
							aria-pressed={props.captionsOn}
							onClick={actions.onToggleCaptions}
						>
							<span aria-hidden="true">CC</span>
							<span class="visually-hidden">Captions</span>
						</button>
					)}
				</div>
				<div class="caption-block">
					<h2 class="clip-title">{title}</h2>
					{item.description && <p class="clip-description">{item.description}</p>}
					{item.remixedFrom && (
						<p class="remixed-from">
							Remixed from{' '}
							{item.remixedFrom.itemId ? (
								<a href={href.clip(item.remixedFrom.itemId)}>
									{item.remixedFrom.title ?? 'another clip'}
								</a>
							) : (
								'a clip that is not published'
							)}
						</p>
					)}
					<div class="meta-buttons">
						<button type="button" class="chip" onClick={() => actions.onProvenance(item)}>
							<span class="cr-badge" aria-hidden="true">
								cr
							</span>{' '}
							Content credentials
						</button>
						<button type="button" class="chip" onClick={() => actions.onAbout(item)}>
							About
						</button>
					</div>
				</div>
			</div>
			<div class="rail" role="group" aria-label={`Actions for ${title}`}>
				<button
					type="button"
					class="rail-button"
					aria-pressed={item.likedByYou === true}
					onClick={() => actions.onLike(item)}
				>
					<span aria-hidden="true">{item.likedByYou ? '♥' : '♡'}</span>
					<span>
						{item.likedByYou ? 'Liked' : 'Like'}
						<span class="count"> {item.likes}</span>
					</span>
				</button>
				<a class="rail-button" href={href.remix(item.id)}>
					<span aria-hidden="true">⟲</span>
					<span>Remix</span>
				</a>
				<button type="button" class="rail-button" onClick={() => actions.onShare(item)}>
					<span aria-hidden="true">↗</span>
					<span>Share</span>
				</button>
				<button type="button" class="rail-button" onClick={() => actions.onReport(item)}>
					<span aria-hidden="true">⚑</span>
					<span>Report</span>
				</button>
			</div>
		</article>
	);
}
