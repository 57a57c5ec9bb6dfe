// Main bundle: keep imports minimal. Screens other than home load on demand.
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { AppHeader } from './components/app-header';
import { EvictionNotice } from './components/eviction-notice';
import { NetworkStatus } from './components/network-status';
import { SessionBar } from './components/session-bar';
import { UpdateBanner } from './components/update-banner';
import { LockScreen } from './screens/lock-screen';
import { useSession } from './use-session';
import { HomeScreen } from './screens/home-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { useT } from './use-t';

const FormRoute = lazy(() => import('./screens/form-route').then((m) => m.FormRoute));
const PassportScreen = lazy(() => import('./screens/passport-screen').then((m) => m.PassportScreen));
const CategoryScreen = lazy(() => import('./screens/category-screen').then((m) => m.CategoryScreen));
const OfflineScreen = lazy(() => import('./screens/offline-screen').then((m) => m.OfflineScreen));
const OutboxScreen = lazy(() => import('./screens/outbox-screen').then((m) => m.OutboxScreen));
const DraftsScreen = lazy(() => import('./screens/drafts-screen').then((m) => m.DraftsScreen));
const SubmittedScreen = lazy(() => import('./screens/submitted-screen').then((m) => m.SubmittedScreen));
const ProfileScreen = lazy(() => import('./screens/profile-screen').then((m) => m.ProfileScreen));
const ApplicationsScreen = lazy(() => import('./screens/applications-screen').then((m) => m.ApplicationsScreen));
const OperatorScreen = lazy(() => import('./screens/operator-screen').then((m) => m.OperatorScreen));
const ResidentsScreen = lazy(() => import('./screens/residents-screen').then((m) => m.ResidentsScreen));


export function App() {
  const { t } = useT();
  const session = useSession();
  return (
    <LocationProvider>
      <a class="skip" href="#main">{t('nav.skip')}</a>
      <AppHeader />
      <UpdateBanner />
      <EvictionNotice />
      <NetworkStatus />
      {session.mode === 'operator' ? <SessionBar /> : null}
      {session.wiped ? <p class="banner error" role="alert">{t('session:lock.wiped')}</p> : null}
      <main id="main" tabIndex={-1}>
        {/* Keyed by whom the app works for: switching resident remounts every screen and its queries. */}
        <ErrorBoundary key={session.owner}>
          {session.locked ? <LockScreen /> : (
          <Router>
            <Route path="/" component={HomeScreen} />
            <Route path="/services/:id" component={FormRoute} />
            <Route path="/services/:id/about" component={PassportScreen} />
            <Route path="/categories/:id" component={CategoryScreen} />
            <Route path="/offline" component={OfflineScreen} />
            <Route path="/outbox" component={OutboxScreen} />
            <Route path="/applications" component={ApplicationsScreen} />
            <Route path="/drafts" component={DraftsScreen} />
            <Route path="/profile" component={ProfileScreen} />
            <Route path="/submitted/:id" component={SubmittedScreen} />
            <Route path="/operator" component={OperatorScreen} />
            <Route path="/residents" component={ResidentsScreen} />
            <Route default component={NotFoundScreen} />
          </Router>
          )}
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
