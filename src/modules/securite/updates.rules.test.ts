import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, isVersion, readFeed, type UpdateCheck, updateStatus } from './updates.rules.js';

describe('comparaison des versions', () => {
  it('suit l’ordre de SemVer 2.0.0, pré-versions comprises', () => {
    // semver.org §11, then the numbers compared as numbers.
    const ordered = [
      '0.9.0',
      '0.10.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const a = ordered[i] as string;
        const b = ordered[j] as string;
        assert.equal(compareVersions(a, b), Math.sign(i - j), `${a} vs ${b}`);
      }
    }
  });

  it('ignore les métadonnées de construction', () => {
    assert.equal(compareVersions('1.2.3+build.5', '1.2.3'), 0);
    assert.equal(compareVersions('1.2.3-rc.1+abc', '1.2.3'), -1);
  });

  it('refuse ce qui n’est pas une version', () => {
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0-01', '', '1.0.0.0', ' 1.0.0']) {
      assert.equal(isVersion(bad), false, bad);
    }
    assert.throws(() => compareVersions('1.0', '1.0.0'), /not a semantic version: "1.0"/);
  });
});

describe('liste des versions', () => {
  it('retient la plus haute version stable et la plus haute version de sécurité', () => {
    const r = readFeed(
      JSON.stringify({
        releases: [
          { version: '0.2.0', date: '2026-11-20', security: true, url: 'https://exemple.fr/0.2.0' },
          { version: '0.10.0', date: '2026-12-20', url: 'https://exemple.fr/0.10.0' },
          { version: '0.11.0-rc.1', security: true },
          { version: '0.3.0', security: false },
        ],
        other: 'ignored',
      }),
    );
    assert.deepEqual(r, {
      ok: true,
      summary: { latest: { version: '0.10.0', url: 'https://exemple.fr/0.10.0' }, securityVersion: '0.2.0' },
    });
    assert.deepEqual(readFeed('{"releases": []}'), { ok: true, summary: { latest: null, securityVersion: null } });
  });

  it('explique en français un document illisible ou mal formé', () => {
    assert.deepEqual(readFeed('<html>'), {
      ok: false,
      reason: 'la liste des versions reçue est illisible (ce n’est pas du JSON)',
    });
    for (const bad of [
      '{}',
      '{"releases": [{"version": "2"}]}',
      '{"releases": [{"version": "1.0.0", "url": "ftp://x"}]}',
    ]) {
      assert.deepEqual(
        readFeed(bad),
        { ok: false, reason: 'la liste des versions reçue n’a pas le format attendu' },
        bad,
      );
    }
  });
});

describe('état des mises à jour', () => {
  const check = (over: Partial<UpdateCheck>): UpdateCheck => ({
    checkedAt: '2026-11-29T05:00:00.000Z',
    succeededAt: '2026-11-29T05:00:00.000Z',
    failingSince: null,
    latestVersion: '0.2.0',
    latestUrl: null,
    securityVersion: '0.2.0',
    error: null,
    ...over,
  });

  it('compare avec la version qui tourne, pas avec celle qui a vérifié', () => {
    assert.deepEqual(updateStatus('0.1.0', true, check({})), {
      kind: 'available',
      version: '0.2.0',
      url: null,
      security: true,
      checkedAt: '2026-11-29T05:00:00.000Z',
    });
    assert.equal(updateStatus('0.1.0', true, check({ securityVersion: '0.1.0' })).kind, 'available');
    assert.equal(
      (updateStatus('0.1.0', true, check({ securityVersion: '0.1.0' })) as { security: boolean }).security,
      false,
    );
    assert.deepEqual(updateStatus('0.2.0', true, check({})), {
      kind: 'up-to-date',
      checkedAt: '2026-11-29T05:00:00.000Z',
    });
    assert.equal(updateStatus('0.2.0-rc.1', true, check({})).kind, 'available');
  });

  it('dit quand la recherche n’est pas configurée, pas encore faite ou en échec', () => {
    assert.deepEqual(updateStatus('0.1.0', false, check({})), { kind: 'not-configured' });
    assert.deepEqual(updateStatus('0.1.0', true, null), { kind: 'not-checked-yet' });
    assert.deepEqual(
      updateStatus('0.1.0', true, check({ failingSince: '2026-11-28T05:00:00.000Z', error: 'injoignable' })),
      { kind: 'failing', since: '2026-11-28T05:00:00.000Z', reason: 'injoignable' },
    );
  });
});
