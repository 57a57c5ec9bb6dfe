import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './read-config';

describe('readConfig', () => {
  it('uses the embedded SQLite and DATA_DIR/uploads when DATABASE_URL and UPLOADS_DIR are absent', () => {
    const config = readConfig({ DATA_DIR: '/srv/xizmat' });
    expect(config.databaseUrl).toBeNull();
    expect(config.uploadsDir).toBe(join('/srv/xizmat', 'uploads'));
  });

  it('takes PostgreSQL from DATABASE_URL and a shared uploads directory from UPLOADS_DIR', () => {
    const config = readConfig({ DATABASE_URL: 'postgres://xizmat@db:5432/xizmat', UPLOADS_DIR: 'shared/uploads' });
    expect(config.databaseUrl).toBe('postgres://xizmat@db:5432/xizmat');
    expect(config.uploadsDir).toBe(resolve('shared/uploads'));
  });
});
