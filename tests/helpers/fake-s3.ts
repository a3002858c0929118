import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/**
 * A small in-process S3-compatible HTTP server for tests (no S3 service can be reached from the
 * test machines), a test double and no more: path-style PutObject (plain or aws-chunked bodies),
 * multipart uploads (create, upload part, complete, abort), GetObject, ListObjectsV2, DeleteObject,
 * with per-object COMPLIANCE locks that refuse deletion before their date. As S3 does, a PutObject
 * or an UploadPart with object lock parameters needs a Content-MD5 or an x-amz-checksum (a CRC32
 * is checked), and every part but the last is at least 5 MiB. It does not check signatures; it
 * records the headers of each request for assertions. `failPart` makes every UploadPart of that
 * part number answer 500, retries included.
 */
export interface FakeS3 {
  endpoint: string;
  objects: Map<string, { body: Buffer; lockUntil: Date | null; lockMode: string | null; parts: number }>;
  /** Multipart uploads created and neither completed nor aborted, by upload id. */
  uploads: Map<
    string,
    {
      key: string;
      parts: Map<number, Buffer>;
      algorithm: string | null;
      lockUntil: Date | null;
      lockMode: string | null;
    }
  >;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  failPart: number | null;
  close(): Promise<void>;
}

/** S3's smallest part, the last one excepted. */
const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Decodes an aws-chunked body (`<hex size>;chunk-signature=…\r\n<data>\r\n` … `0\r\n<trailers>`),
 * with its trailers (`name:value` lines, lower-cased names).
 */
function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  while (pos < raw.length) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = Number.parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0] ?? '0', 16);
    if (!size) {
      for (const line of raw
        .subarray(eol + 2)
        .toString('latin1')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      break;
    }
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return { body: Buffer.concat(parts), trailers };
}

/** The body of a PUT and the checksums sent with it, in headers or aws-chunked trailers. */
function readBody(req: http.IncomingMessage, raw: Buffer): { body: Buffer; checksums: Record<string, string> } {
  const chunked = String(req.headers['content-encoding'] ?? '').includes('aws-chunked');
  const { body, trailers } = chunked ? decodeAwsChunked(raw) : { body: raw, trailers: {} };
  const checksums: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...req.headers, ...trailers })) {
    if ((name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type') || name === 'content-md5') {
      checksums[name] = String(value);
    }
  }
  return { body, checksums };
}

/** S3's answer to a body whose CRC32 or MD5 does not match, or to a locked write without one; null if fine. */
function checksumError(
  body: Buffer,
  checksums: Record<string, string>,
  locked: boolean,
  what: string,
): { code: string; message: string } | null {
  if (locked && Object.keys(checksums).length === 0) {
    return {
      code: 'InvalidRequest',
      message: `Content-MD5 OR x-amz-checksum- HTTP header is required for ${what} requests with Object Lock parameters`,
    };
  }
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  const expected: Record<string, string> = {
    'x-amz-checksum-crc32': crc.toString('base64'),
    'content-md5': createHash('md5').update(body).digest('base64'),
  };
  for (const [name, value] of Object.entries(checksums)) {
    if (expected[name] !== undefined && expected[name] !== value) {
      return { code: 'BadDigest', message: `The ${name} you specified did not match the calculated checksum.` };
    }
  }
  return null;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`);
}

const etagOf = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;

/** The lock asked for by a PutObject or a CreateMultipartUpload. */
function lockOf(req: http.IncomingMessage): { lockUntil: Date | null; lockMode: string | null } {
  const until = req.headers['x-amz-object-lock-retain-until-date'];
  return {
    lockUntil: until ? new Date(String(until)) : null,
    lockMode: (req.headers['x-amz-object-lock-mode'] as string | undefined) ?? null,
  };
}

export async function startFakeS3(bucket: string): Promise<FakeS3> {
  const objects: FakeS3['objects'] = new Map();
  const uploads: FakeS3['uploads'] = new Map();
  const requests: FakeS3['requests'] = [];
  const fake = { failPart: null as number | null };
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://s3.test');
    const [, b, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (b !== bucket) {
      sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      return;
    }
    const uploadId = url.searchParams.get('uploadId');
    const upload = uploadId === null ? undefined : uploads.get(uploadId);
    if (uploadId !== null && upload?.key !== key) {
      sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
      return;
    }
    if (req.method === 'POST' && url.searchParams.has('uploads') && key) {
      const id = randomUUID();
      const algorithm = (req.headers['x-amz-checksum-algorithm'] as string | undefined)?.toLowerCase() ?? null;
      uploads.set(id, { key, parts: new Map(), algorithm, ...lockOf(req) });
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
        );
      return;
    }
    if (req.method === 'PUT' && upload) {
      const partNumber = Number(url.searchParams.get('partNumber'));
      if (partNumber === fake.failPart) {
        sendError(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
        return;
      }
      const { body, checksums } = readBody(req, Buffer.concat(chunks));
      const refused = checksumError(body, checksums, upload.lockMode !== null, 'Put Part');
      if (refused) {
        sendError(res, 400, refused.code, refused.message);
        return;
      }
      upload.parts.set(partNumber, body);
      const crc = checksums['x-amz-checksum-crc32'];
      res.writeHead(200, { etag: etagOf(body), ...(crc ? { 'x-amz-checksum-crc32': crc } : {}) }).end();
      return;
    }
    if (req.method === 'POST' && upload && uploadId) {
      const listed = [
        ...Buffer.concat(chunks)
          .toString('utf8')
          .matchAll(/<Part>([\s\S]*?)<\/Part>/g),
      ].map((m) => ({
        number: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[1] ?? '')?.[1]),
        etag: /<ETag>(.*?)<\/ETag>/.exec(m[1] ?? '')?.[1]?.replace(/&quot;/g, '"'),
        checksum: m[1]?.includes(`<Checksum${upload.algorithm?.toUpperCase()}>`),
      }));
      if (upload.algorithm && listed.some((p) => !p.checksum)) {
        sendError(
          res,
          400,
          'InvalidRequest',
          `The upload was created using a ${upload.algorithm} checksum. The complete request must include the checksum for each part.`,
        );
        return;
      }
      const bodies = listed.map((p) => upload.parts.get(p.number));
      if (listed.length === 0 || listed.some((p, i) => !bodies[i] || etagOf(bodies[i]) !== p.etag)) {
        sendError(res, 400, 'InvalidPart', 'One or more of the specified parts could not be found.');
        return;
      }
      if (bodies.slice(0, -1).some((p) => (p?.length ?? 0) < MIN_PART_SIZE)) {
        sendError(res, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
        return;
      }
      const body = Buffer.concat(bodies as Buffer[]);
      objects.set(key, { body, lockUntil: upload.lockUntil, lockMode: upload.lockMode, parts: listed.length });
      uploads.delete(uploadId);
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><ETag>&quot;${createHash('md5').update(body).digest('hex')}-${listed.length}&quot;</ETag></CompleteMultipartUploadResult>`,
        );
      return;
    }
    if (req.method === 'DELETE' && upload && uploadId) {
      uploads.delete(uploadId);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'PUT' && key) {
      const { body, checksums } = readBody(req, Buffer.concat(chunks));
      const lock = lockOf(req);
      const refused = checksumError(body, checksums, lock.lockMode !== null, 'Put Object');
      if (refused) {
        sendError(res, 400, refused.code, refused.message);
        return;
      }
      objects.set(key, { body, ...lock, parts: 1 });
      res.writeHead(200, { etag: etagOf(body) }).end();
      return;
    }
    if (req.method === 'GET' && key) {
      const o = objects.get(key);
      if (!o) {
        sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        return;
      }
      res.writeHead(200, { 'content-length': o.body.length, 'content-type': 'application/octet-stream' }).end(o.body);
      return;
    }
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const contents = keys
        .map((k) => `<Contents><Key>${xmlEscape(k)}</Key><Size>${objects.get(k)?.body.length}</Size></Contents>`)
        .join('');
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
        );
      return;
    }
    if (req.method === 'DELETE' && key) {
      const o = objects.get(key);
      if (o?.lockUntil && o.lockUntil.getTime() > Date.now()) {
        sendError(res, 403, 'AccessDenied', 'Access Denied because object protected by object lock.');
        return;
      }
      objects.delete(key);
      res.writeHead(204).end();
      return;
    }
    res.writeHead(400).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    uploads,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
