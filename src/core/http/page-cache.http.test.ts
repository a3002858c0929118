import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { systemClock } from '../clock.js';
import { bumpContentVersion, PageCache } from './page-cache.js';

/** A page cache that counts the requests its front door answered. */
class CountingCache extends PageCache {
  answered = 0;
  override tryServe(req: IncomingMessage, res: ServerResponse, communeId: number | undefined): boolean {
    const served = super.tryServe(req, res, communeId);
    if (served) this.answered++;
    return served;
  }
}

const POLL_MS = 1000;

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of res.headers) if (name !== 'date' && name !== 'keep-alive') out[name] = value;
  return out;
}

describeEachEngine('page cache front door', (engine) => {
  let server: TestServer;
  let cache: CountingCache;
  before(async () => {
    server = await startTestServer(engine, {
      pageCache: (db) => {
        cache = new CountingCache(db, true, systemClock, POLL_MS, 0);
        return cache;
      },
    });
  });
  after(() => server.close());

  it('answers a cached page with the same bytes and headers as the application', async () => {
    const first = await fetch(`${server.url}/`);
    const firstBody = await first.text();
    assert.equal(first.status, 200);
    // The front door answers once the commune's version is fresh (read less than POLL_MS ago).
    let second: Response | undefined;
    for (let i = 0; i < 5 && second === undefined; i++) {
      const before = cache.answered;
      const res = await fetch(`${server.url}/`);
      if (cache.answered === before + 1) second = res;
      else await res.text();
    }
    assert.ok(second, 'a request was answered by the front door');
    assert.equal(await second.text(), firstBody);
    assert.deepEqual(headersOf(second), headersOf(first));
    assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(second.headers.get('set-cookie'), null);
  });

  it('answers 304 to a reader who holds the page, and leaves HEAD and other URLs to the application', async () => {
    const page = await fetch(`${server.url}/agenda`);
    await page.text();
    const etag = page.headers.get('etag') ?? '';
    const before = cache.answered;
    const again = await fetch(`${server.url}/agenda`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(cache.answered, before + 1);
    const head = await fetch(`${server.url}/agenda`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const missing = await fetch(`${server.url}/page-qui-n-existe-pas`);
    assert.equal(missing.status, 404);
    assert.equal(cache.answered, before + 1);
  });

  it('shows a change made by another process once the version is read again', async () => {
    await (await fetch(`${server.url}/actualites`)).text();
    const row = await server.db
      .selectFrom('actualite')
      .select(['id', 'commune_id', 'title'])
      .where('status', '=', 'publie')
      .where('publish_at', '<=', new Date().toISOString())
      .orderBy('publish_at', 'desc')
      .executeTakeFirstOrThrow();
    // Another process changes a title and bumps the version, as every service does.
    await server.db.transaction().execute(async (trx) => {
      await trx.updateTable('actualite').set({ title: 'Titre changé ailleurs' }).where('id', '=', row.id).execute();
      await bumpContentVersion(trx, row.commune_id);
    });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + 50));
    const fresh = await (await fetch(`${server.url}/actualites`)).text();
    assert.match(fresh, /Titre changé ailleurs/);
  });
});
