import { addCommune, listCommunes } from '../core/tenancy/index.js';
import { action, withPlatform } from './cli-context.js';

/** clocher commune add <insee> [--host name] [--slug slug] */
export const communeAdd = action(async (insee: string, opts: { host?: string; slug?: string }) => {
  await withPlatform(async (ctx) => {
    const c = await addCommune(ctx, { insee, host: opts.host, slug: opts.slug });
    console.log(`Added ${c.nom} (INSEE ${c.insee}, population ${c.population}) as "${c.slug}".`);
  });
});

/** clocher commune list */
export const communeList = action(async () => {
  await withPlatform(async (ctx) => {
    const all = await listCommunes(ctx.db);
    if (all.length === 0) console.log('No commune yet.');
    for (const c of all) {
      console.log(`${c.slug}\t${c.insee}\t${c.nom}\t${c.population}\t${c.hosts.join(',') || '-'}`);
    }
  });
});
