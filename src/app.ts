import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { cookieNames, cookieOptions } from './core/http/cookies.js';
import type { AppDeps } from './core/http/deps.js';
import { registerErrorHandlers } from './core/http/error-handler.js';
import { registerHealthRoutes } from './core/http/health.js';
import { PageCache } from './core/http/page-cache.js';
import { registerSecurityHeaders } from './core/http/security.js';
import type { ClocherModule } from './core/module.js';
import { actesModule } from './modules/actes/index.js';
import { actualitesModule } from './modules/actualites/index.js';
import { agendaModule } from './modules/agenda/index.js';
import { alertesModule } from './modules/alertes/index.js';
import { backofficeModule } from './modules/backoffice/index.js';
import { barometreModule } from './modules/barometre/index.js';
import { cantineModule } from './modules/cantine/index.js';
import { comptesModule } from './modules/comptes/index.js';
import { conseilModule } from './modules/conseil/index.js';
import { courrielsModule } from './modules/courriels/index.js';
import { demarchesModule } from './modules/demarches/index.js';
import { donneesModule } from './modules/donnees/index.js';
import { importWordpressModule } from './modules/import-wordpress/index.js';
import { journalModule } from './modules/journal/index.js';
import { mediasModule } from './modules/medias/index.js';
import { plateformeModule } from './modules/plateforme/index.js';
import { reglagesModule } from './modules/reglages/index.js';
import { rgpdModule } from './modules/rgpd/index.js';
import { sauvegardesModule } from './modules/sauvegardes/index.js';
import { securiteModule } from './modules/securite/index.js';
import { siteModule } from './modules/site/index.js';
import { NODE_MODULES, PUBLIC_DIR } from './ui/assets.js';

/** The feature modules, in order. Add a module here: nothing is discovered automatically. */
export const MODULES: readonly ClocherModule[] = [
  comptesModule,
  backofficeModule,
  plateformeModule,
  mediasModule,
  reglagesModule,
  securiteModule,
  journalModule,
  alertesModule,
  siteModule,
  actualitesModule,
  agendaModule,
  cantineModule,
  barometreModule,
  demarchesModule,
  courrielsModule,
  importWordpressModule,
  actesModule,
  conseilModule,
  donneesModule,
  rgpdModule,
  sauvegardesModule,
];

/** Paths that are not a commune's pages: no tenant resolution. */
const PLATFORM_PATHS = /^\/(healthz|readyz|static\/)/;

/** Builds the web application around its dependencies. Listening is the caller's business. */
export async function buildApp(
  deps: Omit<AppDeps, 'modules' | 'pageCache'> & { modules?: readonly ClocherModule[]; pageCache?: PageCache },
  logger?: FastifyBaseLogger,
): Promise<FastifyInstance> {
  const pageCache = deps.pageCache ?? new PageCache(deps.db, deps.config.pageCache, deps.now);
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // One line per request, written when it is answered (see the onResponse hook below).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // The front door: a public page already in the page cache is answered before the framework
    // (same bytes, same headers); everything else goes through Fastify.
    serverFactory: (handler) =>
      http.createServer((req, res) => {
        if (pageCache.tryServe(req, res, deps.resolver.peek(req.headers.host))) {
          logger?.info({ url: req.url, status: res.statusCode }, 'page from cache');
        } else handler(req, res);
      }),
  });
  app.decorate('deps', { ...deps, modules: deps.modules ?? MODULES, pageCache });
  app.decorateRequest('commune', null);
  app.decorateRequest('sessionUser', undefined);

  registerErrorHandlers(app);
  await registerSecurityHeaders(app, deps.config.secure);
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  // Multipart bodies are read only by routes that ask (readMultipartForm), with their own limits.
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(csrf, {
    cookieKey: cookieNames(deps.config.secure).csrf,
    cookieOpts: { ...cookieOptions(deps.config.secure), signed: true },
    // Forms send the token as the `_csrf` field; the editor's image upload, as a header; a
    // multipart form (read after this check), in its action's query string.
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ??
      (req.headers['x-csrf-token'] as string | undefined) ??
      (req.query as Record<string, string> | undefined)?._csrf,
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '365d',
    immutable: true,
    index: false,
  });

  // The back-office editor, served from the installed package (no third-party origin).
  await app.register(fastifyStatic, {
    root: path.join(NODE_MODULES, 'tinymce'),
    prefix: '/static/vendor/tinymce/',
    decorateReply: false,
    maxAge: '7d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(NODE_MODULES, 'tinymce-i18n/langs7'),
    prefix: '/static/vendor/tinymce-langs/',
    decorateReply: false,
    maxAge: '7d',
    index: false,
  });

  // Passkeys' browser side (WebAuthn ceremonies), served from the installed package too.
  await app.register(fastifyStatic, {
    root: path.join(NODE_MODULES, '@simplewebauthn/browser/dist/bundle'),
    prefix: '/static/vendor/simplewebauthn/',
    decorateReply: false,
    maxAge: '7d',
    index: false,
  });

  app.addHook('onRequest', async (req) => {
    if (!PLATFORM_PATHS.test(req.url)) req.commune = await app.deps.resolver.resolve(req.headers.host);
  });
  // Every POST carries the anti-forgery token of the form it comes from; a multipart form's is
  // checked by readMultipartForm once its fields are read (routes marked MULTIPART_ROUTE only).
  app.addHook('preHandler', (req, reply, done) => {
    const multipart = (req.routeOptions.config as { multipartForm?: boolean } | undefined)?.multipartForm;
    // A mail link whose secret token is the credential (one-click unsubscribe, RFC 8058) is posted
    // by mail clients without any cookie: routes marked `{ config: { tokenLink: true } }` only.
    const tokenLink = (req.routeOptions.config as { tokenLink?: boolean } | undefined)?.tokenLink;
    if (req.method === 'POST' && !multipart && !tokenLink) app.csrfProtection(req, reply, done);
    else done();
  });

  // Registered after the security headers: a cached page keeps the headers it is sent with.
  app.addHook('onSend', async (req, reply) => {
    pageCache.recordResponse(req, reply);
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  // A successful change in the back-office may change public pages: this process forgets the
  // commune's cached pages at once (services bump content_version for the other processes).
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'POST' && req.commune && reply.statusCode < 400 && req.url.startsWith('/admin')) {
      app.deps.pageCache.forget(req.commune.id);
    }
  });

  registerHealthRoutes(app);
  for (const module of app.deps.modules) await module.routes(app);
  return app;
}
