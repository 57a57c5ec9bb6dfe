import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CitizenSession } from '../../contract/index';
import type { OutboxRow } from '../../core/db/records';
import { initI18n, t } from '../../services/i18n';
import { setSessionView } from '../../services/session-signal';
import { CitizenCard, groupPinfl } from '../components/citizen-card';
import { NeedsAction } from '../components/needs-action';
import { OutboxItemCard } from '../components/outbox-item-card';
import { CitizenSection } from './profile-screen';
import { ResidentPinfl } from './residents-screen';

/** What the phone's database answers, by query name (as in screens.test.tsx). */
const rows = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock('../use-store', () => {
  const names = new Proxy({}, { get: (_, name) => String(name) });
  const store = new Proxy({}, { get: () => names });
  const answer = (pick: (s: unknown) => unknown) => rows.current[pick(store) as string];
  return { useStore: () => null, useStatusStore: () => null, useWatch: answer, useStatusWatch: answer };
});

function readText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** The opening tag of the sign-in button. */
function signInButton(html: string): string {
  const tag = /<button[^>]*data-testid="citizen-sign-in"[^>]*>/.exec(html)?.[0];
  if (!tag) throw new Error('no sign-in button');
  return tag;
}

const SESSION: CitizenSession = {
  citizen: { pinfl: '31507900010013', lastName: 'Karimova', firstName: 'Dilnoza', middleName: 'Anvarovna', birthDate: '1979-07-15', phone: null },
  keyId: 'k'.repeat(43), provider: 'oneid', standIn: false, signedInAt: '2026-12-01T08:00:00.000Z',
};

const refused = (code: string): OutboxRow => ({
  id: '0193a0c2-2222-7000-8000-000000000002', owner: 'self', serviceId: 'birth', formVersion: 1, state: 'needs_action',
  payload: { codec: 'sealed-v1', body: '{}' }, finalisedAt: '2026-12-01T10:00:00.000Z', attempts: 1,
  lastAttemptAt: '2026-12-01T10:00:01.000Z', nextAttemptAt: 0, receipt: null, problem: { code },
});

beforeAll(async () => {
  await initI18n('en');
});
beforeEach(() => {
  rows.current = {};
  vi.stubGlobal('navigator', { onLine: true });
  setSessionView({ mode: 'citizen', owner: 'self', operatorName: null, residentName: null, locked: false });
});
afterEach(() => vi.unstubAllGlobals());

describe('the OneID sign-in on My details', () => {
  it('signed out: says what signing in gives, with the button, enabled online', () => {
    const html = renderToString(<CitizenSection citizen={null} />);
    const text = readText(html);
    expect(text).toContain(t('session:citizen.intro'));
    expect(signInButton(html)).not.toContain('disabled');
    expect(text).not.toContain(t('session:citizen.standIn'));
  });

  it('signed out and offline: the button is disabled, with the reason beside it', () => {
    vi.stubGlobal('navigator', { onLine: false });
    const html = renderToString(<CitizenSection citizen={null} />);
    expect(signInButton(html)).toContain('disabled');
    expect(readText(html)).toContain(t('session:citizen.needsNetwork'));
  });

  it('signed in: name, PINFL in groups, birth date and provider, sign out and the phones list', () => {
    const html = renderToString(<CitizenSection citizen={{ state: 'signed-in', standIn: false, session: SESSION }} />);
    const text = readText(html);
    expect(html).toContain('data-testid="citizen-session"');
    expect(text).toContain('Karimova Dilnoza Anvarovna');
    expect(text).toContain('3150 7900 0100 13');
    expect(text).toContain('15 July 1979');
    expect(text).toContain(t('session:citizen.oneid'));
    expect(text).toContain(t('session:citizen.signOut'));
    expect(text).toContain(t('session:citizen.phones.title'));
    expect(text).not.toContain(t('session:citizen.standIn'));
  });

  it('says plainly when the provider is the stand-in, signed in or on the way', () => {
    const standIn = renderToString(<CitizenCard session={{ ...SESSION, provider: 'stand-in-oneid', standIn: true }} standIn />);
    expect(readText(standIn)).toContain(t('session:citizen.standIn'));
    expect(t('session:citizen.standIn')).toContain('not the real OneID');
    expect(readText(renderToString(<CitizenSection citizen={{ state: 'pending', standIn: true, session: null }} />))).toContain(t('session:citizen.standIn'));
  });

  it('signed in and offline: signing out says it needs the network', () => {
    vi.stubGlobal('navigator', { onLine: false });
    const html = renderToString(<CitizenCard session={SESSION} standIn={false} />);
    expect(readText(html)).toContain(t('session:citizen.signOutOffline'));
    expect(readText(html)).toContain(t('session:citizen.phones.offline'));
  });

  it('is not shown while an operator works on this phone', () => {
    setSessionView({ mode: 'operator', owner: 'operator:op-1' });
    expect(renderToString(<CitizenSection citizen={{ state: 'signed-in', standIn: false, session: SESSION }} />)).toBe('');
  });

  it('groups a PINFL in fours, as on the card', () => {
    expect(groupPinfl('31507900010013')).toBe('3150 7900 0100 13');
  });
});

describe('applications waiting for a OneID sign-in', () => {
  it.each(['identity_required', 'identity_invalid', 'identity_revoked'])('the outbox says why (%s) and offers the sign-in', (code) => {
    const html = renderToString(<OutboxItemCard item={refused(code)} serviceName="Birth" online />);
    const text = readText(html);
    expect(text).toContain(t(`outbox.problem.${code}`));
    expect(html).toContain('data-testid="citizen-sign-in"');
  });

  it('the card of what waits says it waits for the sign-in and leads to it', () => {
    rows.current = { applications: [refused('identity_required')], statuses: [], catalogue: [] };
    const html = renderToString(<NeedsAction />);
    expect(readText(html)).toContain(t('session:citizen.needed'));
    expect(html).toContain('href="/profile"');
  });
});

describe('a resident\'s PINFL', () => {
  it.each(['pinfl_format', 'pinfl_date', 'pinfl_checksum'] as const)('says what is wrong (%s), tied to the input', (problem) => {
    const html = renderToString(<ResidentPinfl value="123" problem={problem} onInput={() => undefined} />);
    expect(readText(html)).toContain(t(problem === 'pinfl_checksum' ? 'session:residentPinfl.checksum' : `validation.${problem}`));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="resident-pinfl-hint resident-pinfl-error"');
    expect(readText(html)).toContain(t('session:residentPinfl.label'));
  });
});
