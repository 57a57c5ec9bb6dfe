// Main bundle: keep imports minimal. Screens other than home load on demand.
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { AppHeader } from './components/app-header';
import { EvictionNotice } from './components/eviction-notice';
import { NetworkStatus } from './components/network-status';
import { UpdateBanner } from './components/update-banner';
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

export function App() {
  const { t } = useT();
  return (
    <LocationProvider>
      <a class="skip" href="#main">{t('nav.skip')}</a>
      <AppHeader />
      <UpdateBanner />
      <EvictionNotice />
      <NetworkStatus />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
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
            <Route default component={NotFoundScreen} />
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
