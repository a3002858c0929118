import { z } from 'zod';
import { createUser, findUserByEmail, grantRole, isRole, ROLES, resetPassword } from '../core/auth/index.js';
import { randomToken } from '../core/crypto.js';
import { findCommuneBySlug } from '../core/tenancy/index.js';
import { action, CliError, withPlatform } from './cli-context.js';

const addOptions = z.object({
  email: z.email({ message: '--email must be an e-mail address' }),
  name: z.string().trim().min(1, { message: '--name is required' }),
  commune: z.string().optional(),
  role: z.string().optional(),
  operator: z.boolean().optional(),
  password: z.string().optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

/** A password given on the command line or in CLOCHER_NEW_PASSWORD, else a generated one (printed). */
function passwordFrom(given: string | undefined): { password: string; generated: boolean } {
  const password = given ?? process.env.CLOCHER_NEW_PASSWORD;
  return password ? { password, generated: false } : { password: randomToken(12), generated: true };
}

/** clocher user add --email … --name … [--commune slug --role role] [--operator] [--password …] */
export const userAdd = action(async (raw: unknown) => {
  const opts = parse(addOptions, raw);
  if ((opts.commune === undefined) !== (opts.role === undefined)) {
    throw new CliError('--commune and --role go together');
  }
  if (opts.role !== undefined && !isRole(opts.role)) {
    throw new CliError(`unknown role "${opts.role}"; choose one of ${ROLES.join(', ')}`);
  }
  await withPlatform(async (ctx) => {
    const commune = opts.commune ? await findCommuneBySlug(ctx.db, opts.commune) : undefined;
    if (opts.commune && !commune) throw new CliError(`no commune "${opts.commune}" (see \`clocher commune list\`)`);
    const { password, generated } = passwordFrom(opts.password);
    const userId = await createUser(ctx, {
      email: opts.email,
      displayName: opts.name,
      password,
      isOperator: opts.operator ?? false,
    });
    if (commune && opts.role && isRole(opts.role)) await grantRole({ ...ctx, commune }, userId, opts.role);
    console.log(
      `Created ${opts.email}${commune ? ` (${opts.role} of ${commune.nom})` : ''}${opts.operator ? ' (operator)' : ''}.`,
    );
    if (generated) console.log(`Password: ${password}`);
  });
});

/** clocher user reset-password <email> [--password …] */
export const userResetPassword = action(async (email: string, opts: { password?: string }) => {
  await withPlatform(async (ctx) => {
    if (!(await findUserByEmail(ctx.db, email.trim().toLowerCase()))) throw new CliError(`no account for ${email}`);
    const { password, generated } = passwordFrom(opts.password);
    await resetPassword(ctx, email, password);
    console.log(`Password of ${email} reset; its sessions are closed.`);
    if (generated) console.log(`Password: ${password}`);
  });
});
