import { startTestServer } from '/work/main/tests/helpers/app.ts';
const s = await startTestServer('sqlite');
console.log(s.url);
for (const p of ['/', '/mairie', '/accessibilite', '/plan-du-site', '/nope', '/admin/connexion', '/readyz']) {
  const r = await fetch(s.url + p, { redirect: 'manual' });
  console.log(p, r.status, r.headers.get('set-cookie'), (await r.text()).length);
}
await s.close();
