import type { Compilable, CompiledQuery } from 'kysely';
import { type Engine, engineOf } from '../../db/dialect.js';
import { TenantScope } from './tenant-scope.js';

/** A value the query was built with, to be replaced when it runs: the name of an argument. */
const MARK = '\u0000clocher-argument:';
const COMMUNE = `${MARK}\u0000commune`;

/** A value of a prepared read: what a query parameter can be. */
type Value = string | number | null;

interface Prepared {
  compiled: CompiledQuery;
  /** Per parameter: the argument to put there, the commune, or a value fixed at build time. */
  slots: ({ arg: string } | { commune: true } | { fixed: unknown })[];
}

/**
 * A tenant-scoped read built and compiled once per engine, then run with new values: for the reads
 * every uncached public page makes, where building and compiling the query costs more than running
 * it. `build` gets a scope and `arg(name)`, a stand-in for each value; the query's shape must not
 * depend on the values (no `if`, no list whose length varies: those are built each time instead).
 * The commune filter comes from the scope, as for any tenant-owned read.
 */
export function preparedRead<Args extends Record<string, Value>, Row>(
  build: (scope: TenantScope, arg: <K extends keyof Args & string>(name: K) => Args[K]) => Compilable<Row>,
): (scope: TenantScope, args: Args) => Promise<Row[]> {
  const byEngine = new Map<Engine, Prepared>();
  const prepare = (scope: TenantScope): Prepared => {
    const stand = new TenantScope(scope.db, COMMUNE as unknown as number);
    const compiled = build(stand, (name) => `${MARK}${name}` as never).compile();
    const slots = compiled.parameters.map((p) => {
      if (p === COMMUNE) return { commune: true as const };
      if (typeof p === 'string' && p.startsWith(MARK)) return { arg: p.slice(MARK.length) };
      return { fixed: p };
    });
    if (!slots.some((s) => 'commune' in s)) throw new Error('preparedRead: the query is not scoped to the commune');
    return { compiled, slots };
  };
  return async (scope, args) => {
    const engine = engineOf(scope.db);
    let prepared = byEngine.get(engine);
    if (!prepared) {
      prepared = prepare(scope);
      byEngine.set(engine, prepared);
    }
    const parameters = prepared.slots.map((s) => {
      if ('commune' in s) return scope.communeId;
      if ('fixed' in s) return s.fixed;
      const value = args[s.arg];
      if (value === undefined) throw new Error(`preparedRead: no value for ${s.arg}`);
      return value;
    });
    const result = await scope.db.executeQuery<Row>({ ...prepared.compiled, parameters } as CompiledQuery<Row>);
    return result.rows;
  };
}
