import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it
 * throws. A connection that failed is closed rather than returned to the pool, since after a lost
 * socket or a failed ROLLBACK it cannot be trusted with the next request.
 */
export async function postgresTransaction<T>(
  pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failure);
  }
}
