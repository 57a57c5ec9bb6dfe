import type { RateLimit } from './rate-limit';

/** What a request is counted as, by the route it matched. Feedback is counted per item of a batch. */
export type LimitGroup = 'signIn' | 'submissions' | 'feedback' | 'uploads' | 'catalogue' | 'api';

/** One group's limits: per source address (see sourceKey) and for all sources together. */
export interface GroupLimit {
  perSource: RateLimit;
  overall: RateLimit;
}

/**
 * Every request limit of the API, all counted in this instance's memory (N instances behind a
 * balancer let N times as much through). Many phones of one mobile operator share one address
 * (carrier-grade NAT), so the per-source limits stop one abuser's flood, not each fake request.
 */
export interface RequestLimits {
  /** Per phone (device key) and per operator (access token): keys the client chooses, kept for a runaway phone. */
  perPhone: RateLimit;
  groups: Record<LimitGroup, GroupLimit>;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const perMinute = (max: number): RateLimit => ({ max, windowMs: MINUTE_MS });

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  /** Generous, so a phone draining weeks of queue in batches is never slowed. */
  perPhone: perMinute(600),
  groups: {
    /** An office of operators behind one NAT signs in a few times a day; scrypt caps the rest (passwordCheckGate). */
    signIn: { perSource: perMinute(30), overall: perMinute(600) },
    /** A draining phone sends a batch of up to 50 items every few seconds; a NAT'd town sends many such phones. */
    submissions: { perSource: perMinute(300), overall: perMinute(6_000) },
    /** Items, not requests: a person rates once per application; a busy office's NAT gives a few hundred an hour. */
    feedback: { perSource: { max: 300, windowMs: HOUR_MS }, overall: { max: 3_000, windowMs: HOUR_MS } },
    /** A 5 MB photo is about 80 chunk PATCHes of 64 KB; a phone sends its photos one after another. */
    uploads: { perSource: perMinute(1_200), overall: perMinute(20_000) },
    /** A phone asks once per sync and start; the answers are cached per catalogue version, so the cap is for the network. */
    catalogue: { perSource: perMinute(300), overall: perMinute(6_000) },
    /** Statuses, forms, seal key, device events, operator lists: each phone asks a handful per sync. */
    api: { perSource: perMinute(1_200), overall: perMinute(20_000) },
  },
};

/** The defaults with the per-phone limit and the groups a caller set in their place: tests set small ones. */
export function requestLimits(perPhone?: RateLimit, groups: Partial<Record<LimitGroup, GroupLimit>> = {}): RequestLimits {
  return { perPhone: perPhone ?? DEFAULT_REQUEST_LIMITS.perPhone, groups: { ...DEFAULT_REQUEST_LIMITS.groups, ...groups } };
}

/** The group of an API route, by its pattern below the prefix (`/auth/login`, `/uploads/:id`). */
export function limitGroupOf(path: string): Exclude<LimitGroup, 'feedback'> {
  // Refreshing a token is a few indexed reads, made every quarter hour by every signed-in phone: 'api'.
  // A citizen's sign-in start and the provider's return each cost a call to the identity provider.
  if (path === '/auth/login' || path === '/identity/sign-ins' || path === '/identity/callback') return 'signIn';
  if (path === '/submissions') return 'submissions';
  if (path === '/uploads' || path.startsWith('/uploads/')) return 'uploads';
  if (path === '/catalogue' || path === '/catalogue/changes') return 'catalogue';
  return 'api';
}
