import { render } from 'preact';
import { useState } from 'preact/hooks';
import './styles.css';
import { SignInDialog } from './components/SignInDialog';
import { useSession } from './hooks';
import { href, useRoute } from './router';
import { AdminView } from './views/AdminView';
import { CameosView } from './views/CameosView';
import { FeedView } from './views/FeedView';
import { RemixView } from './views/RemixView';

function App() {
	const route = useRoute();
	const { keyId } = useSession();
	const [signingIn, setSigningIn] = useState(false);
	const current = (name: string) => (route.name === name ? 'page' : undefined);

	return (
		<>
			<a class="skip-link" href="#main">
				Skip to content
			</a>
			<header class="top-bar">
				<a class="brand" href={href.feed()} aria-label="Reelforge feed, home">
					Reelforge
				</a>
				<nav aria-label="Main">
					<a href={href.feed()} aria-current={current('feed')}>
						Feed
					</a>
					<a href={href.cameos()} aria-current={current('cameos')}>
						My cameos
					</a>
					<a href={href.admin()} aria-current={current('admin')}>
						Admin
					</a>
				</nav>
				<button type="button" class="account" onClick={() => setSigningIn(true)}>
					{keyId ? <span title={`Signed in as ${keyId}`}>Account</span> : 'Sign in'}
				</button>
			</header>
			<div id="main" class="page" tabIndex={-1}>
				{route.name === 'feed' && (
					<FeedView clip={route.clip} onSignIn={() => setSigningIn(true)} />
				)}
				{route.name === 'remix' && (
					<RemixView itemId={route.itemId} onSignIn={() => setSigningIn(true)} />
				)}
				{route.name === 'cameos' && <CameosView onSignIn={() => setSigningIn(true)} />}
				{route.name === 'admin' && <AdminView />}
			</div>
			<SignInDialog open={signingIn} onClose={() => setSigningIn(false)} />
			<div id="announcer" class="visually-hidden" role="status" aria-live="polite" />
		</>
	);
}

render(<App />, document.getElementById('app')!);
