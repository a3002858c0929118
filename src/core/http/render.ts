import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document. Preact escapes every text and attribute value. */
export const renderDocument = (page: VNode): string => `<!doctype html>${renderToString(page)}`;

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
