// Main bundle: keep imports minimal. A citizen's sign-in with OneID loads when the person asks for it.
import { loadOnce } from './load-once';

type CitizenStore = typeof import('./citizen-store');

export const loadCitizen = loadOnce<CitizenStore>(() => import('./citizen-store'));
