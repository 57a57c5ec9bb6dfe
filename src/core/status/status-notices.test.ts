import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../db/records';
import { testDb } from '../test-support/test-db';
import type { StatusChange } from '../../contract/index';
import { SYNC_SIDES } from '../test-support/sync-sides';
import { pullStatuses } from './pull-statuses';
import { MAX_NOTICES, NOTICE_TEXTS_META, statusNotices, type Notice, type NoticeTexts } from './status-notices';

const texts: NoticeTexts = {
  locale: 'ru', title: '{{service}}: статус изменился', several: 'По вашим заявлениям есть новости',
  statuses: { received: 'Принято', in_progress: 'На рассмотрении', returned: 'Возвращено на доработку', completed: 'Исполнено', rejected: 'Отказано',
    awaiting_payment: 'Ждёт оплаты',
  },
};

function row(i: number, overrides: Partial<StatusRow> = {}): StatusRow {
  return {
    id: `id-${i}`, owner: 'self', serviceId: 'passport', status: 'completed', message: null, changedAt: '2026-11-30T08:00:00Z',
    number: `XZ-2026-00000${i}`, revision: 1, unseen: true, ...overrides,
  };
}

describe('statusNotices', () => {
  it('words each change in the person\'s language with the service name and the agency\'s message', async () => {
    const db = testDb();
    await db.meta.put({ key: NOTICE_TEXTS_META, value: texts });
    const name = { uz: 'Pasport', 'uz-Cyrl': 'Паспорт', ru: 'Загранпаспорт', en: 'Passport' };
    await db.catalogue.put({ id: 'passport', name } as never);
    const notices = await statusNotices(db, [row(1, { status: 'returned', message: { ru: 'Нужна новая фотография' } })]);
    expect(notices).toEqual([{ title: 'Загранпаспорт: статус изменился', body: 'XZ-2026-000001 · Возвращено на доработку: Нужна новая фотография', tag: 'status-id-1' }]);
  });

  it('folds many changes into one summary, and says nothing before the page has written its words', async () => {
    const db = testDb();
    const many = Array.from({ length: MAX_NOTICES + 1 }, (_, i) => row(i));
    expect(await statusNotices(db, many)).toEqual([]);
    await db.meta.put({ key: NOTICE_TEXTS_META, value: texts });
    const notices = await statusNotices(db, many);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: 'По вашим заявлениям есть новости', tag: 'status-several' });
    expect(notices[0]!.body.split('\n')).toHaveLength(MAX_NOTICES + 1);
  });
});

describe.each(SYNC_SIDES)('pullStatuses, from $side', ({ sync }) => {
  it('notifies each fresh change in the person\'s language and badges the icon with everything not yet seen', async () => {
    const db = testDb();
    await db.meta.put({ key: NOTICE_TEXTS_META, value: texts });
    await db.catalogue.put({ id: 'passport', name: { uz: 'Pasport', 'uz-Cyrl': 'Паспорт', ru: 'Загранпаспорт', en: 'Passport' } } as never);
    await db.statuses.put(row(9));
    const change: StatusChange = { id: 'id-1', serviceId: 'passport', number: 'XZ-2026-000001', status: 'completed', message: null, changedAt: '2026-11-30T09:00:00Z', revision: 1 };
    const answer: typeof fetch = async () => new Response(JSON.stringify({ changes: [change], cursor: '1', more: false }), { status: 200 });
    const notices: Notice[] = [];
    const badges: number[] = [];
    const fresh = await pullStatuses(await sync(db), { fetch: answer, notify: async (n) => { notices.push(n); }, badge: async (n) => { badges.push(n); } });
    expect(fresh).toBe(1);
    expect(notices).toEqual([{ title: 'Загранпаспорт: статус изменился', body: 'XZ-2026-000001 · Исполнено', tag: 'status-id-1' }]);
    expect(badges).toEqual([2]);
  });
});
