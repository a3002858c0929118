import { verifyAuditChain } from '../core/audit/index.js';
import { listCommunes } from '../core/tenancy/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

/** clocher audit verify */
export const auditVerify = action(async () => {
  await withPlatform(async (ctx) => {
    const chains: { label: string; communeId: number | null }[] = [
      { label: 'platform', communeId: null },
      ...(await listCommunes(ctx.db)).map((c) => ({ label: `${c.slug} (${c.insee})`, communeId: c.id })),
    ];
    const broken: string[] = [];
    for (const chain of chains) {
      const seq = await verifyAuditChain(ctx.db, chain.communeId);
      if (seq === null) console.log(`ok      ${chain.label}`);
      else {
        console.log(`BROKEN  ${chain.label}: first bad event at sequence ${seq}`);
        broken.push(chain.label);
      }
    }
    if (broken.length > 0) throw new CliError(`the audit trail was altered in ${broken.length} chain(s)`);
  });
});
