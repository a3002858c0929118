import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('donne des valeurs par défaut utilisables sans aucune variable', () => {
    const c = loadConfig({}, '/srv/clocher');
    assert.equal(c.database.engine, 'sqlite');
    assert.deepEqual(c.database, { engine: 'sqlite', filename: '/srv/clocher/data/clocher.sqlite' });
    assert.equal(c.dataDir, '/srv/clocher/data');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(c.secure, false);
    assert.equal(c.demo, true);
    assert.ok(Object.isFrozen(c));
  });

  it('choisit PostgreSQL pour une URL postgres://', () => {
    const c = loadConfig({ CLOCHER_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/clocher' });
    assert.deepEqual(c.database, {
      engine: 'postgres',
      connectionString: 'postgres://postgres@127.0.0.1:5432/clocher',
    });
  });

  it('accepte un autre fichier SQLite', () => {
    const c = loadConfig({ CLOCHER_DATABASE_URL: 'sqlite:var/db.sqlite' }, '/x');
    assert.equal(c.database.engine, 'sqlite');
    assert.equal((c.database as { filename: string }).filename, path.resolve('var/db.sqlite'));
  });

  it('active les cookies sécurisés quand l’adresse publique est en https', () => {
    const c = loadConfig({ CLOCHER_PUBLIC_URL: 'https://www.mairie-exemple.fr/' });
    assert.equal(c.secure, true);
    assert.equal(c.publicUrl, 'https://www.mairie-exemple.fr');
  });

  it('lit le nombre de processus web (1 par défaut, auto = un par cœur)', () => {
    assert.equal(loadConfig({}).workers, 1);
    assert.equal(loadConfig({ CLOCHER_WORKERS: '3' }).workers, 3);
    assert.ok(loadConfig({ CLOCHER_WORKERS: 'auto' }).workers >= 1);
    for (const bad of ['0', '65', 'deux', '-1', '1.5']) {
      assert.throws(() => loadConfig({ CLOCHER_WORKERS: bad }), ConfigError, bad);
    }
    assert.throws(
      () => loadConfig({ CLOCHER_WORKERS: '2', CLOCHER_DATABASE_URL: 'sqlite::memory:' }),
      /in-memory SQLite/,
    );
  });

  it('lit les booléens', () => {
    assert.equal(loadConfig({ CLOCHER_DEMO: 'false' }).demo, false);
    assert.equal(loadConfig({ CLOCHER_TRUST_PROXY: 'true' }).trustProxy, true);
  });

  it('liste chaque variable invalide en la nommant', () => {
    assert.throws(
      () =>
        loadConfig({
          CLOCHER_PORT: 'abc',
          CLOCHER_DATABASE_URL: 'mysql://x',
          CLOCHER_SECRET: 'court',
          CLOCHER_DEMO: 'peut-être',
          CLOCHER_PUBLIC_URL: 'ftp://x',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        for (const name of [
          'CLOCHER_PORT',
          'CLOCHER_DATABASE_URL',
          'CLOCHER_SECRET',
          'CLOCHER_DEMO',
          'CLOCHER_PUBLIC_URL',
        ]) {
          assert.match(text, new RegExp(name));
        }
        assert.equal(error.problems.length, 5);
        return true;
      },
    );
  });

  it('refuse un port hors limites', () => {
    assert.throws(() => loadConfig({ CLOCHER_PORT: '70000' }), ConfigError);
  });

  it('ignore les variables vides', () => {
    assert.equal(loadConfig({ CLOCHER_PORT: '', CLOCHER_SMTP_URL: ' ' }).port, 3000);
  });
});
