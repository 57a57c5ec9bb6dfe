// Main bundle: keep imports minimal. Screens other than home load on demand (routes.ts).
import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso';
import { AppHeader } from './components/app-header';
import { EvictionNotice } from './components/eviction-notice';
import { NetworkStatus } from './components/network-status';
import { SessionBar } from './components/session-bar';
import { UpdateBanner } from './components/update-banner';
import { UpgradeFailedNotice } from './components/upgrade-failed-notice';
import { ROUTES } from './routes';
import { LockScreen } from './screens/lock-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { usePageTitle } from './use-page-title';
import { useSession } from './use-session';
import { useT } from './use-t';
import './app.css';
import './catalogue.css';
import './form.css';

export function App() {
  const { t } = useT();
  const session = useSession();
  usePageTitle();
  return (
    <LocationProvider>
      <a class="skip" href="#main">{t('nav.skip')}</a>
      <AppHeader />
      <UpdateBanner />
      <EvictionNotice />
      <UpgradeFailedNotice />
      <NetworkStatus />
      {session.mode === 'operator' ? <SessionBar /> : null}
      {session.wiped ? <p class="banner error" role="alert">{t('session:lock.wiped')}</p> : null}
      <main id="main" tabIndex={-1}>
        {/* Keyed by whom the app works for: switching resident remounts every screen and its queries. */}
        <ErrorBoundary key={session.owner}>
          {session.locked ? <LockScreen /> : (
          <Router>
            {[
              ...ROUTES.map(([path, screen]) => <Route key={path} path={path} component={screen} />),
              <Route key="default" default component={NotFoundScreen} />,
            ]}
          </Router>
          )}
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
