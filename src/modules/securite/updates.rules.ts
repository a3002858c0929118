import { z } from 'zod';

/** Pure rules of the update check: version precedence (SemVer 2.0.0), the release feed, what the page says. */

interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers (`1.0.0-rc.1` → ['rc', 1]); empty for a release. */
  pre: (string | number)[];
}

// semver.org's regular expression, build metadata included (and ignored for precedence).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text);
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    pre: m[4] === undefined ? [] : m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
  };
}

export const isVersion = (text: string): boolean => parseVersion(text) !== null;

/** Negative when a < b, 0 when equal in precedence, positive when a > b; throws on a non-SemVer string. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new Error(`not a semantic version: "${x ? b : a}"`);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  // A pre-release comes before its release: 1.0.0-rc.1 < 1.0.0.
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i] as string | number;
    const q = y.pre[i] as string | number;
    if (p === q) continue;
    // Numeric identifiers compare as numbers and come before alphanumeric ones.
    if (typeof p === 'number' && typeof q === 'number') return Math.sign(p - q);
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return Math.sign(x.pre.length - y.pre.length);
}

/** The feed an operator publishes (docs/UPDATES.md); unknown fields are ignored. */
const feedSchema = z.object({
  releases: z
    .array(
      z.object({
        version: z.string().refine(isVersion),
        date: z.iso.date().optional(),
        security: z.boolean().optional(),
        url: z.url({ protocol: /^https?$/ }).optional(),
      }),
    )
    .max(10_000),
});

export interface FeedSummary {
  /** The highest stable release listed, and the URL of its notes. */
  latest: { version: string; url: string | null } | null;
  /** The highest stable release marked `security`. */
  securityVersion: string | null;
}

const highest = (versions: string[]): string | null =>
  versions.reduce<string | null>((best, v) => (best === null || compareVersions(v, best) > 0 ? v : best), null);

/** Reads the feed's text: its summary, or why it cannot be used (in French, shown on the page). */
export function readFeed(text: string): { ok: true; summary: FeedSummary } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'la liste des versions reçue est illisible (ce n’est pas du JSON)' };
  }
  const feed = feedSchema.safeParse(json);
  if (!feed.success) return { ok: false, reason: 'la liste des versions reçue n’a pas le format attendu' };
  // Pre-releases are for testers: a commune is only told about releases.
  const stable = feed.data.releases.filter((r) => parseVersion(r.version)?.pre.length === 0);
  const latestVersion = highest(stable.map((r) => r.version));
  const latest = stable.find((r) => r.version === latestVersion);
  return {
    ok: true,
    summary: {
      latest: latest ? { version: latest.version, url: latest.url ?? null } : null,
      securityVersion: highest(stable.filter((r) => r.security).map((r) => r.version)),
    },
  };
}

/** The last check as stored. */
export interface UpdateCheck {
  checkedAt: string;
  succeededAt: string | null;
  failingSince: string | null;
  latestVersion: string | null;
  latestUrl: string | null;
  securityVersion: string | null;
  error: string | null;
}

/** What the security page says about updates. */
export type UpdateStatus =
  | { kind: 'not-configured' }
  | { kind: 'not-checked-yet' }
  | { kind: 'up-to-date'; checkedAt: string }
  | { kind: 'available'; version: string; url: string | null; security: boolean; checkedAt: string }
  | { kind: 'failing'; since: string; reason: string };

/** Compares the last check with the running version (not the one that checked: the platform may have been updated since). */
export function updateStatus(running: string, feedConfigured: boolean, check: UpdateCheck | null): UpdateStatus {
  if (!feedConfigured) return { kind: 'not-configured' };
  if (!check) return { kind: 'not-checked-yet' };
  if (check.failingSince !== null) {
    return { kind: 'failing', since: check.failingSince, reason: check.error ?? 'raison inconnue' };
  }
  const newer = (v: string | null): v is string => v !== null && isVersion(v) && compareVersions(v, running) > 0;
  if (newer(check.latestVersion)) {
    return {
      kind: 'available',
      version: check.latestVersion,
      url: check.latestUrl,
      security: newer(check.securityVersion),
      checkedAt: check.checkedAt,
    };
  }
  return { kind: 'up-to-date', checkedAt: check.checkedAt };
}
