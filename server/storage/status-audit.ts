import type { ApplicationStatus, StatusMessage } from '../../src/contract/index';
import type { Engine } from './engine';
import type { Db } from './schema';

/** One row of an application's status history: who moved it where, when, with which message. */
export async function audit(db: Db, id: string, revision: number, status: ApplicationStatus, message: string | null, actor: string, at: string): Promise<void> {
  await db.insertInto('status_events').values({ submission_id: id, revision, status, message, actor, at }).execute();
}

/**
 * Writes a move already judged allowed: the new status with its message, the next status number (so
 * every phone sees it once) and its audit row. Call it inside a transaction holding the status lock.
 */
export async function writeStatusMove(
  trx: Db, engine: Engine, move: { id: string; to: ApplicationStatus; message: StatusMessage | null; actor: string; at: string },
): Promise<void> {
  const message = move.message ? JSON.stringify(move.message) : null;
  const { status } = await engine.next(trx, 'status');
  const row = await trx.updateTable('submissions').set({ status: move.to, status_message: message, status_seq: status, updated_at: move.at })
    .where('id', '=', move.id).returning('revision').executeTakeFirstOrThrow();
  await audit(trx, move.id, row.revision, move.to, message, move.actor, move.at);
}
