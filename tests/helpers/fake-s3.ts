import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small in-process S3-compatible HTTP server for tests (no S3 service can be reached from the
 * test machines): path-style PutObject (plain or aws-chunked bodies), GetObject, ListObjectsV2,
 * DeleteObject, with per-object COMPLIANCE locks that refuse deletion before their date. It does
 * not check signatures; it records the headers of each request for assertions.
 */
export interface FakeS3 {
  endpoint: string;
  objects: Map<string, { body: Buffer; lockUntil: Date | null; lockMode: string | null }>;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Decodes an aws-chunked body (`<hex size>;chunk-signature=…\r\n<data>\r\n` … `0\r\n<trailers>`). */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = Number.parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0] ?? '0', 16);
    if (!size) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startFakeS3(bucket: string): Promise<FakeS3> {
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://s3.test');
    const [, b, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (b !== bucket) {
      res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code></Error>');
      return;
    }
    if (req.method === 'PUT' && key) {
      const raw = Buffer.concat(chunks);
      const chunked = String(req.headers['content-encoding'] ?? '').includes('aws-chunked');
      const body = chunked ? decodeAwsChunked(raw) : raw;
      const until = req.headers['x-amz-object-lock-retain-until-date'];
      objects.set(key, {
        body,
        lockUntil: until ? new Date(String(until)) : null,
        lockMode: (req.headers['x-amz-object-lock-mode'] as string | undefined) ?? null,
      });
      res.writeHead(200, { etag: '"fake"' }).end();
      return;
    }
    if (req.method === 'GET' && key) {
      const o = objects.get(key);
      if (!o) {
        res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
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
        res
          .writeHead(403, { 'content-type': 'application/xml' })
          .end(
            '<Error><Code>AccessDenied</Code><Message>Access Denied because object protected by object lock.</Message></Error>',
          );
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
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
