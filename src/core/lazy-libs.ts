/**
 * Libraries a web process needs only for some requests (a PDF, an image to re-encode, a password or
 * a passkey to check, an archive, a backup to copy to a bucket), imported at their first use rather
 * than at start: loaded together they hold 30 to 45 MB more in every process, idle or not. Each is
 * imported once per process; callers keep their types with `import type` or `typeof import(…)`.
 * A failure to load is the server's fault: callers load before a `try` that maps errors to a
 * French message about the user's input.
 */

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

/** pdfkit's PDFDocument class. */
export const loadPdfKit = once(async (): Promise<typeof import('pdfkit')> => (await import('pdfkit')).default);

/** fontkit, to parse a font once and hand it to pdfkit. */
export const loadFontkit = once((): Promise<typeof import('fontkit')> => import('fontkit'));

/** sharp's image pipeline constructor. */
export type Sharp = typeof import('sharp')['default'];
export const loadSharp = once(async (): Promise<Sharp> => (await import('sharp')).default);

/** WebAuthn: passkey options and the verification of the browser's answers. */
export const loadWebAuthn = once(
  (): Promise<typeof import('@simplewebauthn/server')> => import('@simplewebauthn/server'),
);

/** argon2, to hash and check passwords (at sign-in, not at start). */
export const loadArgon2 = once((): Promise<typeof import('@node-rs/argon2')> => import('@node-rs/argon2'));

/** yazl, to write a zip archive. */
export const loadYazl = once(async (): Promise<typeof import('yazl')> => (await import('yazl')).default);

/** yauzl, to read a zip archive. */
export const loadYauzl = once(async (): Promise<typeof import('yauzl')> => (await import('yauzl')).default);

/** tar, for backups and the archives of the tiers de télétransmission. */
export const loadTar = once((): Promise<typeof import('tar')> => import('tar'));

/** qrcode, to draw an authenticator app's enrolment code. */
export const loadQrCode = once(async (): Promise<typeof import('qrcode')> => (await import('qrcode')).default);

/** The S3 client and its commands. */
export const loadS3 = once((): Promise<typeof import('@aws-sdk/client-s3')> => import('@aws-sdk/client-s3'));

/** The S3 upload manager: one PutObject for a small file, a multipart upload for a large one. */
export type S3Upload = typeof import('@aws-sdk/lib-storage')['Upload'];
export const loadS3Upload = once(async (): Promise<S3Upload> => (await import('@aws-sdk/lib-storage')).Upload);
