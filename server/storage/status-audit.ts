import type { ApplicationStatus } from '../../src/contract/index';
import type { Db } from './schema';

/** One row of an application's status history: who moved it where, when, with which message. */
export async function audit(db: Db, id: string, revision: number, status: ApplicationStatus, message: string | null, actor: string, at: string): Promise<void> {
  await db.insertInto('status_events').values({ submission_id: id, revision, status, message, actor, at }).execute();
}
