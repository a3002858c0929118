import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * Cookie names and flags. Over https the names take the `__Host-` prefix (Secure, Path=/, no
 * Domain: the browser refuses them otherwise), which pins them to the exact host.
 */
export function cookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}clocher_session`, csrf: `${prefix}clocher_csrf` } as const;
}

export function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  };
}
