import { renderToString } from 'preact-render-to-string';
import { LocationProvider } from 'preact-iso';
import { locationStub } from 'preact-iso/prerender';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerScope, type FieldKind, type FieldProblem, type FormSection, type ServiceSummary } from '../../contract/index';
import { SAMPLE_FORM, SAMPLE_SOATO, l } from '../../contract/test-support/sample-form';
import type { DraftRow, OutboxRow, StatusRow } from '../../core/db/records';
import { initI18n, t } from '../../services/i18n';
import { setPageSeed } from '../../services/page-seed';
import { ErrorSummary } from '../components/error-summary';
import { NeedsAction } from '../components/needs-action';
import { FormStep } from '../components/form-step';
import { OutboxItemCard } from '../components/outbox-item-card';
import { CategoryScreen } from './category-screen';
import { DraftsScreen } from './drafts-screen';
import { HomeScreen } from './home-screen';
import { OutboxScreen } from './outbox-screen';
import { PassportScreen } from './passport-screen';
import { SubmittedScreen } from './submitted-screen';

/**
 * What the phone's database answers, by query name. The screens are drawn as the server draws them
 * (renderToString, no DOM); their live queries answer from here at once instead of from Dexie.
 */
const rows = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock('../use-store', () => liveFrom(rows));
vi.mock('../use-catalogue', () => liveFrom(rows));

function liveFrom(source: { current: Record<string, unknown> }) {
  // A query is named by the last property read off the store: `s.queries.drafts` is 'drafts'.
  const names = new Proxy({}, { get: (_, name) => Object.assign(() => String(name), { queryName: String(name) }) });
  const store = new Proxy({}, { get: () => names });
  const answer = (pick: (s: unknown) => unknown) => {
    const query = pick(store) as string | { queryName: string };
    return source.current[typeof query === 'string' ? query : query.queryName];
  };
  return {
    useStore: () => null, useStatusStore: () => null, useCatalogueStore: () => null,
    useWatch: answer, useStatusWatch: answer, useCatalogue: answer,
  };
}

/** The text a person reads: tags dropped, entities decoded, spaces collapsed. */
function readText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

const service = (id: string, category: string, featured = false): ServiceSummary & { formVersion: number } =>
  ({ id, category, name: l(`Service ${id}`), aliases: [], fee: l('Free'), featured, formVersion: 2 });

beforeAll(async () => {
  await initI18n('en');
});
beforeEach(() => {
  rows.current = {};
  setPageSeed(null);
  vi.stubGlobal('navigator', { onLine: true });
});
afterEach(() => vi.unstubAllGlobals());

describe('home screen', () => {
  it('says it is loading while nothing is on the phone and the page came with no lists', () => {
    const text = readText(renderToString(<HomeScreen />));
    expect(text).toContain(t('home.loading'));
    expect(text).not.toContain(t('catalogue:home.categories'));
  });

  it('draws a first visit from the lists the server rendered the page with', () => {
    setPageSeed({
      path: '/', locale: 'en',
      home: { categories: [{ id: 'family', name: l('Family') }], services: [service('birth', 'family', true), service('marriage', 'family')] },
    });
    const html = renderToString(<HomeScreen />);
    const text = readText(html);
    expect(text).not.toContain(t('home.loading'));
    expect(text).toContain(t('catalogue:home.popular'));
    expect(text).toContain('Service birth');
    expect(html).toContain('href="/categories/family"');
    expect(text).toContain(`Family ${t('catalogue:home.servicesCount', { count: 2 })}`);
  });

  it('lists the person’s recent services newest first, and as most used only those opened more than once', () => {
    rows.current = {
      services: [service('a', 'family'), service('b', 'family'), service('c', 'family')],
      categories: [{ id: 'family', name: l('Family') }],
      usage: [
        { owner: 'self', serviceId: 'a', count: 1, lastUsedAt: '2026-01-01T10:00:00Z' },
        { owner: 'self', serviceId: 'b', count: 3, lastUsedAt: '2026-01-03T10:00:00Z' },
        { owner: 'self', serviceId: 'c', count: 2, lastUsedAt: '2026-01-02T10:00:00Z' },
      ],
    };
    const html = renderToString(<HomeScreen />);
    const list = (testId: string) => [...(html.match(new RegExp(`data-testid="${testId}">(.*?)</ul>`))?.[1] ?? '').matchAll(/Service (\w)/g)].map((m) => m[1]);
    expect(list('recent')).toEqual(['b', 'c', 'a']);
    expect(list('most-used')).toEqual(['b', 'c']);
  });
});

describe('the card of what waits for the person', () => {
  it('lists an application whose fee is open, named by its service, with "How to pay" to its own screen', () => {
    const id = '0193a0c2-2222-7000-8000-000000000042';
    const item = { id, owner: 'self', serviceId: 'a', formVersion: 2, state: 'delivered', payload: null, finalisedAt: '2026-12-01T08:00:00Z' } as unknown as OutboxRow;
    const status: StatusRow = {
      id, owner: 'self', serviceId: 'a', status: 'awaiting_payment', message: null, revision: 1, changedAt: '2026-12-01T08:00:00Z',
      number: 'XZ-2026-000042', unseen: false,
      invoice: { reference: '260000000422', amountTiyin: 34_000_000, state: 'open', issuedAt: '2026-12-01T08:00:00Z', dueAt: '2099-12-11T08:00:00Z', payLink: null },
    };
    rows.current = { applications: [item], statuses: [status], catalogue: [service('a', 'family')] };
    const html = renderToString(<NeedsAction />);
    expect(html).toContain('data-reason="pay"');
    expect(readText(html)).toContain(`Service a ${t('status:status.awaiting_payment')} ${t('status:invoice.how')}`);
    expect(html).toContain(`href="/submitted/${id}"`);
  });

  it('the application\'s own screen, where that leads, opens with its payment panel, also when the phone cannot read its answers', () => {
    const id = '0193a0c2-2222-7000-8000-000000000042';
    const item = { id, owner: 'self', serviceId: 'a', formVersion: 2, state: 'delivered', payload: null, finalisedAt: '2026-12-01T08:00:00Z' } as unknown as OutboxRow;
    const status = {
      id, status: 'awaiting_payment',
      invoice: { reference: '260000000422', amountTiyin: 34_000_000, state: 'open', issuedAt: '2026-12-01T08:00:00Z', dueAt: '2099-12-11T08:00:00Z', payLink: null },
    } as unknown as StatusRow;
    rows.current = { outboxItem: item, service: service('a', 'family'), statuses: [status] };
    const html = renderToString(<SubmittedScreen id={id} />);
    expect(html.indexOf('data-testid="invoice-panel"')).toBeGreaterThan(html.indexOf('</h1>'));
    expect(html.indexOf('data-testid="invoice-panel"')).toBeLessThan(html.indexOf('data-testid="sealed-summary"'));
    expect(html).toContain(`<h2>${t('status:invoice.title')}</h2>`);
  });
});

describe('drafts screen', () => {
  const draft = (id: string, updatedAt: string, extra: Partial<DraftRow> = {}): DraftRow =>
    ({ id, owner: 'self', serviceId: 'a', formVersion: 2, answers: {}, updatedAt, ...extra }) as DraftRow;

  it('says there are none when the phone has none', () => {
    rows.current = { drafts: [], catalogue: [] };
    expect(readText(renderToString(<DraftsScreen />))).toContain(t('drafts.empty'));
  });

  it('lists drafts newest first, each resumable where it was left, with what needs saying', () => {
    rows.current = {
      catalogue: [service('a', 'family')],
      drafts: [
        draft('old', '2026-01-01T10:00:00Z', { formVersion: 1, answers: { lastName: 'Karimova' } }),
        draft('new', '2026-02-01T10:00:00Z', { serverProblems: [{ field: 'pinfl', code: 'pinfl_format', severity: 'error' }] }),
      ],
    };
    const html = renderToString(<DraftsScreen />);
    const items = html.split('data-testid="draft-item"').slice(1);
    expect(items.map((item) => /data-id="(\w+)"/.exec(item)?.[1])).toEqual(['new', 'old']);
    expect(readText(items[0]!)).toContain(t('drafts.returned'));
    expect(readText(items[0]!)).not.toContain(t('drafts.oldForm'));
    expect(readText(items[1]!)).toContain(t('drafts.oldForm'));
    expect(readText(items[1]!)).toContain(t('drafts.answered', { number: 1 }));
    expect(items[1]).toContain('href="/services/a?draft=old"');
    expect(readText(html)).not.toContain(t('drafts.empty'));
  });

  it('offers to delete a draft being written, named for its service, but not one the server sent back to correct', () => {
    rows.current = {
      catalogue: [service('a', 'family')],
      drafts: [
        draft('mine', '2026-01-01T10:00:00Z', { answers: { lastName: 'Karimova' } }),
        draft('back', '2026-02-01T10:00:00Z', { serverProblems: [{ field: 'pinfl', code: 'pinfl_format', severity: 'error' }] }),
      ],
    };
    const items = renderToString(<DraftsScreen />).split('data-testid="draft-item"').slice(1);
    expect(items[1]).toContain(`aria-label="${t('drafts.delete')}: Service a"`);
    expect(items[0]).not.toContain(t('drafts.delete'));
  });
});

describe('outbox items', () => {
  const item = (extra: Partial<OutboxRow>): OutboxRow => ({
    id: '0190f3c2-7b1a-7c3e-9d2f-1a2b3c4d5e6f', owner: 'self', serviceId: 'a', formVersion: 2, state: 'queued',
    payload: { codec: 'json-v1', body: '{}' }, finalisedAt: '2026-01-01T10:00:00Z', attempts: 0, lastAttemptAt: null,
    nextAttemptAt: 0, receipt: null, problem: null, ...extra,
  });
  const card = (row: OutboxRow, online: boolean) => readText(renderToString(<OutboxItemCard item={row} serviceName="Birth" online={online} />));

  it('a waiting item offline says it goes when the network returns', () => {
    const text = card(item({}), false);
    expect(text).toContain(t('outbox.state.queued'));
    expect(text).toContain(t('outbox.whenOnline'));
    expect(text).not.toContain(t('outbox.receipt', { number: '' }).trim());
  });

  it('a waiting item online says why the last try failed and how long sending takes, not "when online"', () => {
    const text = card(item({ attempts: 2, retryReason: 'timeout', lastAttemptAt: '2026-01-01T10:05:00Z', nextAttemptAt: Date.now() + 60_000 }), true);
    expect(text).toContain(t('outbox.reason.timeout'));
    expect(text).toContain(t('outbox.nextAttempt', { time: '' }).trim());
    expect(text).toMatch(new RegExp(t('outbox.estimate', { seconds: '\\d+' })));
    expect(text).not.toContain(t('outbox.whenOnline'));
  });

  it('a delivered item shows the server’s application number and no waiting words', () => {
    const text = card(item({ state: 'delivered', payload: null, receipt: { number: 'UZ-2026-000123' } as OutboxRow['receipt'], lastAttemptAt: '2026-01-01T10:05:00Z' }), true);
    expect(text).toContain(t('outbox.state.delivered'));
    expect(text).toContain(t('outbox.receipt', { number: 'UZ-2026-000123' }));
    expect(text).not.toContain(t('outbox.lastAttempt', { time: '' }).trim());
    expect(text).not.toContain(t('outbox.whenOnline'));
  });

  it('a delivered rating shows no application number: its receipt is not one a person quotes', () => {
    const text = card(item({ kind: 'feedback', state: 'delivered', payload: null, receipt: { number: 'FB-2026-000001' } as OutboxRow['receipt'] }), true);
    expect(text).toContain(t('outbox.state.delivered'));
    expect(text).not.toContain('FB-2026-000001');
    expect(text).not.toContain(t('outbox.receipt', { number: '' }).trim());
  });

  it('an item the server refused for its answers says so and links to correcting it', () => {
    const row = item({ state: 'needs_action', problem: { code: 'validation_failed', fields: [{ field: 'pinfl', code: 'pinfl_format', severity: 'error' }] } });
    const html = renderToString(<OutboxItemCard item={row} serviceName="Birth" online />);
    expect(readText(html)).toContain(t('outbox.problem.validation_failed'));
    expect(html).toContain(`href="/services/a?draft=${row.id}"`);
  });

  it('an application carried for someone else shows no number, reference or "submitted on this phone", only that it was delivered', () => {
    const row = item({ state: 'delivered', payload: null, carried: true, receipt: { number: 'UZ-2026-000123' } as OutboxRow['receipt'] });
    const text = card(row, true);
    expect(text).toContain(t('outbox.carried.delivered'));
    expect(text).toContain(t('outbox.carried.madeAt', { time: '' }).trim());
    expect(text).not.toContain('UZ-2026-000123');
    expect(text).not.toContain(t('outbox.finalisedAt', { time: '' }).trim());
    expect(text).not.toContain(t('status:localRef', { ref: '' }).trim());
  });

  it('an application carried for someone else whose proof the server refused says the assistant acts on their own phone, and offers nothing here', () => {
    const html = renderToString(<OutboxItemCard item={item({ state: 'needs_action', carried: true, problem: { code: 'delegation_revoked' } })} serviceName="Birth" online />);
    expect(readText(html)).toContain(t('outbox.carried.problem.delegation_revoked'));
    expect(html).not.toContain('<button');
  });

  it('the outbox screen lists applications carried for others apart, under their own heading, and says the person has none of their own', () => {
    rows.current = { outbox: [item({ id: 'c1', carried: true })], catalogue: [] };
    locationStub('/outbox');
    const html = renderToString(<LocationProvider><OutboxScreen /></LocationProvider>);
    const [own, carried] = html.split('data-testid="carried-list"');
    expect(readText(own!)).toContain(t('outbox.empty'));
    expect(own).not.toContain('data-id="c1"');
    expect(own).not.toContain('outbox-backlog');
    expect(readText(carried!)).toContain(t('outbox.carried.title'));
    expect(carried).toContain('data-id="c1"');
  });

  it('an unknown refusal code still gets words', () => {
    const text = card(item({ state: 'needs_action', problem: { code: 'something_new' } }), true);
    expect(text).toContain(t('outbox.problem.other'));
  });

  it('the outbox screen confirms a just-saved application and offers Send now for waiting ones', () => {
    rows.current = { outbox: [item({})], catalogue: [] };
    locationStub(`/outbox?saved=${item({}).id}`);
    const text = readText(renderToString(<LocationProvider><OutboxScreen /></LocationProvider>));
    expect(text).toContain(t('outbox.savedNotice'));
    expect(text).toContain(t('outbox.sendNow'));
  });

  it('the outbox screen never says "saved" above "no applications": after a lock the address may name an application not shown', () => {
    rows.current = { outbox: [], catalogue: [] };
    locationStub(`/outbox?saved=${item({}).id}`);
    const text = readText(renderToString(<LocationProvider><OutboxScreen /></LocationProvider>));
    expect(text).toContain(t('outbox.empty'));
    expect(text).not.toContain(t('outbox.savedNotice'));
  });

  it('the outbox screen tells an operator with nobody chosen how many applications of residents wait, and where to see them', () => {
    rows.current = { outbox: [], catalogue: [], residentsWaiting: 2 };
    locationStub('/outbox');
    const html = renderToString(<LocationProvider><OutboxScreen /></LocationProvider>);
    expect(readText(html)).toContain(t('outbox.residentsWaiting', { count: 2 }));
    expect(html).toContain('href="/residents"');
  });

  it('the outbox screen counts the applications waiting to be sent and names the oldest, and says nothing once all are sent', () => {
    const waiting = [
      item({ id: 'a1', finalisedAt: '2026-03-02T10:00:00Z' }), item({ id: 'a2', state: 'sending', finalisedAt: '2026-02-01T10:00:00Z' }),
      item({ id: 'a3', state: 'blocked', finalisedAt: '2026-03-05T10:00:00Z' }),
    ];
    const sent = item({ id: 'a4', state: 'delivered', payload: null, finalisedAt: '2025-01-01T10:00:00Z' });
    const feedback = item({ id: 'f1', kind: 'feedback', finalisedAt: '2025-01-01T10:00:00Z' });
    rows.current = { outbox: [...waiting, sent, feedback], catalogue: [] };
    locationStub('/outbox');
    const text = readText(renderToString(<LocationProvider><OutboxScreen /></LocationProvider>));
    expect(text).toContain(t('outbox.backlog', { count: 3, date: '1 February 2026' }));
    rows.current = { outbox: [sent], catalogue: [] };
    expect(renderToString(<LocationProvider><OutboxScreen /></LocationProvider>)).not.toContain('outbox-backlog');
  });
});

describe('a form step with its problems', () => {
  const section: FormSection = {
    ...SAMPLE_FORM.sections[0]!,
    fields: [
      ...SAMPLE_FORM.sections[0]!.fields,
      { id: 'maidenName', kind: 'text', label: l('Maiden name'), visibleIf: "lastName == 'Karimova'" },
    ],
  };
  const form = { ...SAMPLE_FORM, sections: [section] };
  const step = (answers: Record<string, unknown>, problems: FieldProblem[]) => renderToString(
    <FormStep section={section} answers={answers as never} scope={answerScope(form, answers as never, '2026-01-01')} soato={SAMPLE_SOATO}
      problems={problems} onChange={() => undefined} onFile={() => undefined} onRemove={() => undefined} photoNotes={{}} />,
  );

  it('puts each problem at the top as a link to its field, in words', () => {
    const problems: FieldProblem[] = [
      { field: 'pinfl', code: 'pinfl_format', severity: 'error' },
      { field: 'lastName', code: 'required', severity: 'error' },
    ];
    const html = renderToString(<ErrorSummary problems={problems} labelOf={(field) => `Label of ${field}`} />);
    expect(readText(html)).toContain(t('form.errorSummaryTitle'));
    expect(html).toContain('role="alert"');
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], readText(m[2]!)]);
    expect(links).toEqual([
      ['#field-pinfl', `Label of pinfl: ${t('validation.pinfl_format')}`],
      ['#field-lastName', `Label of lastName: ${t('validation.required')}`],
    ]);
  });

  it('asks to choose, not to enter, where a missing answer is chosen (a choice, a region, a district) or a photo', () => {
    const problems: FieldProblem[] = ['relation', 'region', 'district', 'photo', 'lastName'].map((field) => ({ field, code: 'required', severity: 'error' }));
    const kinds: Record<string, FieldKind> = { relation: 'choice', region: 'region', district: 'district', photo: 'photo', lastName: 'text' };
    const html = renderToString(<ErrorSummary problems={problems} labelOf={(field) => field} fieldOf={(field) => ({ kind: kinds[field]! })} />);
    const texts = [...html.matchAll(/<a href="[^"]+"[^>]*>([^<]*)<\/a>/g)].map((m) => readText(m[1]!));
    expect(texts).toEqual([
      `relation: ${t('validation.option_unknown')}`, `region: ${t('validation.region_unknown')}`,
      `district: ${t('validation.district_unknown')}`, `photo: ${t('validation.attachment_invalid')}`, `lastName: ${t('validation.required')}`,
    ]);
    expect(new Set(texts.map((text) => text.split(': ')[1])).size).toBe(5);
  });

  it('links a problem on another step to that step when told where it is', () => {
    const html = renderToString(<ErrorSummary problems={[{ field: 'pinfl', code: 'required', severity: 'error' }]} labelOf={() => 'PINFL'} hrefOf={(f) => `/step/1#${f}`} />);
    expect(html).toContain('href="/step/1#pinfl"');
  });

  it('marks the field with the problem beside it, and only that one', () => {
    const html = step({}, [{ field: 'pinfl', code: 'pinfl_format', severity: 'error' }]);
    expect(html.match(/class="field-error"/g)).toHaveLength(1);
    expect(readText(html)).toContain(t('validation.pinfl_format'));
    expect(html).toMatch(/id="field-pinfl"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-pinfl"/);
  });

  it('shows a question only when its condition holds', () => {
    expect(step({}, [])).not.toContain('Maiden name');
    expect(step({ lastName: 'Karimova' }, [])).toContain('Maiden name');
  });
});

describe('a screen still loading', () => {
  // Nothing answered yet: the page's only level-one heading says it is loading, so there is one at every moment.
  it.each([
    ['passport', () => <PassportScreen id="x" />],
    ['category', () => <CategoryScreen id="social" />],
  ])('%s: says so in its level-one heading', (_, screen) => {
    const html = renderToString(<LocationProvider scope="/">{screen()}</LocationProvider>);
    expect(html.match(/<h1[^>]*>[^<]*<\/h1>/g)).toEqual([`<h1 class="screen-loading">${t('home.loading')}</h1>`]);
  });
});
