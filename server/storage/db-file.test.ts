import { describe, expect, it } from 'vitest';
import { DB_FILE } from './db-file';

describe('DB_FILE', () => {
  it('is the name servers already wrote their applications to: another name would open an empty database', () => {
    expect(DB_FILE).toBe('xizmat.sqlite');
  });
});
