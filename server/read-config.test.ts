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

describe('readConfig refuses settings that would open the server', () => {
  it('refuses an XIZMAT_ADMIN_TOKEN shorter than 32 characters, and takes a long one', () => {
    expect(() => readConfig({ XIZMAT_ADMIN_TOKEN: 'e2e-back-office-token' })).toThrow(/XIZMAT_ADMIN_TOKEN must be at least 32 characters/);
    expect(readConfig({ XIZMAT_ADMIN_TOKEN: 'k'.repeat(32) }).adminToken).toBe('k'.repeat(32));
    expect(readConfig({}).adminToken).toBeNull();
  });

  it('turns the test fault hooks on only with NODE_ENV=test, and refuses to start when asked for them anywhere else', () => {
    expect(readConfig({ XIZMAT_TEST_FAULTS: '1', NODE_ENV: 'test' }).testFaults).toBe(true);
    expect(() => readConfig({ XIZMAT_TEST_FAULTS: '1' })).toThrow(/NODE_ENV=test/);
    expect(() => readConfig({ XIZMAT_TEST_FAULTS: '1', NODE_ENV: 'production' })).toThrow(/NODE_ENV=test/);
    expect(readConfig({ NODE_ENV: 'test' }).testFaults).toBe(false);
  });

  it('reads XIZMAT_TRUST_PROXY as a hop count or a list of addresses and CIDRs, and refuses anything else', () => {
    expect(readConfig({}).trustProxy).toBeUndefined();
    expect(readConfig({ XIZMAT_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ XIZMAT_TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,2001:db8::/32' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
    expect(() => readConfig({ XIZMAT_TRUST_PROXY: 'true' })).toThrow(/XIZMAT_TRUST_PROXY/);
    expect(() => readConfig({ XIZMAT_TRUST_PROXY: '10.0.0.0/40' })).toThrow(/10.0.0.0\/40/);
  });

  it('takes the expiry of unfinished uploads from XIZMAT_UPLOAD_EXPIRY_HOURS, in hours', () => {
    expect(readConfig({}).uploadExpiryMs).toBeUndefined();
    expect(readConfig({ XIZMAT_UPLOAD_EXPIRY_HOURS: '2' }).uploadExpiryMs).toBe(2 * 3_600_000);
    expect(() => readConfig({ XIZMAT_UPLOAD_EXPIRY_HOURS: '-1' })).toThrow(/XIZMAT_UPLOAD_EXPIRY_HOURS/);
  });
});

describe('readConfig request limits', () => {
  it('sets a group\'s limits per source and overall from XIZMAT_REQUEST_LIMITS, over the group\'s usual window', () => {
    expect(readConfig({}).sourceLimits).toEqual({});
    expect(readConfig({ XIZMAT_REQUEST_LIMITS: 'submissions=600/12000, feedback=10/100' }).sourceLimits).toEqual({
      submissions: { perSource: { max: 600, windowMs: 60_000 }, overall: { max: 12_000, windowMs: 60_000 } },
      feedback: { perSource: { max: 10, windowMs: 3_600_000 }, overall: { max: 100, windowMs: 3_600_000 } },
    });
    expect(() => readConfig({ XIZMAT_REQUEST_LIMITS: 'everything=1/1' })).toThrow(/everything=1\/1/);
    expect(() => readConfig({ XIZMAT_REQUEST_LIMITS: 'signIn=0/10' })).toThrow(/signIn=0\/10/);
  });
});
