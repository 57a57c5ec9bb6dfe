// Main bundle: the route table. Screens other than home load on demand.
import type { AnyComponent } from 'preact';
import { lazy } from 'preact-iso';
import { HomeScreen } from './screens/home-screen';

// The router hands each screen its path's `:name` segments as props, whatever their names.
type Screen = AnyComponent<any> & { preload?: () => Promise<unknown> };

/** A screen whose code loads on first use. */
function screen(load: () => Promise<AnyComponent<any>>): Screen {
  return lazy(load);
}

/** Every screen by its path, in the order the router tries them; `:name` segments are its props. */
export const ROUTES: ReadonlyArray<readonly [path: string, screen: Screen]> = [
  ['/', HomeScreen],
  ['/services/:id', screen(() => import('./screens/form-route').then((m) => m.FormRoute))],
  ['/services/:id/about', screen(() => import('./screens/passport-screen').then((m) => m.PassportScreen))],
  ['/categories/:id', screen(() => import('./screens/category-screen').then((m) => m.CategoryScreen))],
  ['/offline', screen(() => import('./screens/offline-screen').then((m) => m.OfflineScreen))],
  ['/outbox', screen(() => import('./screens/outbox-screen').then((m) => m.OutboxScreen))],
  ['/applications', screen(() => import('./screens/applications-screen').then((m) => m.ApplicationsScreen))],
  ['/drafts', screen(() => import('./screens/drafts-screen').then((m) => m.DraftsScreen))],
  ['/profile', screen(() => import('./screens/profile-screen').then((m) => m.ProfileScreen))],
  ['/submitted/:id', screen(() => import('./screens/submitted-screen').then((m) => m.SubmittedScreen))],
  ['/operator', screen(() => import('./screens/operator-screen').then((m) => m.OperatorScreen))],
  ['/residents', screen(() => import('./screens/residents-screen').then((m) => m.ResidentsScreen))],
];

/** Whether `path` fits the route pattern: the same literal segments, one segment per `:name`. */
export function matchesRoute(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  return want.length === have.length && want.every((segment, i) => segment.startsWith(':') || segment === have[i]);
}

/**
 * Loads the code of the screen that draws `path`, so the first render draws it at once instead of
 * suspending: a page the server rendered is taken over in place, never replaced by "loading".
 */
export async function preloadRoute(path: string): Promise<void> {
  await ROUTES.find(([pattern]) => matchesRoute(pattern, path))?.[1].preload?.();
}
