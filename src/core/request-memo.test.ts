import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoized, RequestMemo } from './request-memo.js';

describe('mémoire d’une requête', () => {
  it('calcule une lecture une seule fois par clé, et chaque clé à part', async () => {
    const memo = new RequestMemo();
    let reads = 0;
    const read = async () => ++reads;
    assert.equal(await memo.get('arbre', read), 1);
    assert.equal(await memo.get('arbre', read), 1);
    assert.equal(await memo.get('autre', read), 2);
    assert.equal(reads, 2);
  });

  it('partage une lecture en cours entre deux demandes simultanées', async () => {
    const memo = new RequestMemo();
    let reads = 0;
    const read = () => new Promise<number>((resolve) => setImmediate(() => resolve(++reads)));
    assert.deepEqual(await Promise.all([memo.get('arbre', read), memo.get('arbre', read)]), [1, 1]);
  });

  it('garde l’échec d’une lecture pour toute la requête', async () => {
    const memo = new RequestMemo();
    let reads = 0;
    const failing = async () => {
      reads++;
      throw new Error('base indisponible');
    };
    await assert.rejects(memo.get('arbre', failing), /base indisponible/);
    await assert.rejects(memo.get('arbre', failing), /base indisponible/);
    assert.equal(reads, 1);
  });

  it('lit à chaque fois sans mémoire', async () => {
    let reads = 0;
    const read = async () => ++reads;
    assert.equal(await memoized(undefined, 'arbre', read), 1);
    assert.equal(await memoized(undefined, 'arbre', read), 2);
    assert.equal(await memoized(new RequestMemo(), 'arbre', read), 3);
  });
});
