import { describe, expect, it } from 'vitest';
import { EnvError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: 'file:./data/hub.db',
      hubUrl: 'http://127.0.0.1:8787',
      maxBodyBytes: 1048576,
      demo: false,
    });
  });
  it('names every wrong variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HUB_URL: 'ftp://x', HUB_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const msg = (e as Error).message;
      for (const v of ['PORT', 'DATABASE_URL', 'HUB_URL', 'HUB_DEMO']) expect(msg).toContain(`${v}:`);
    }
  });
});
