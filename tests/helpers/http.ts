import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A minimal browser over `app.inject()`: keeps cookies, reads the anti-forgery token of the last
 * page holding a form, and posts url-encoded forms.
 */
export class InjectClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly host = 'localhost',
  ) {}

  private cookieHeader(): string | undefined {
    return this.cookies.size === 0 ? undefined : [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { host: this.host, ...(cookie && { cookie }) } }),
    );
  }

  /** Posts a form; the current anti-forgery token is added unless `_csrf` is given (or null to omit it). */
  async post(url: string, form: Record<string, string | null>): Promise<LightMyRequestResponse> {
    const fields: Record<string, string> = {};
    if (this.csrf && !('_csrf' in form)) fields._csrf = this.csrf;
    for (const [k, v] of Object.entries(form)) if (v !== null) fields[k] = v;
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: {
          host: this.host,
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie && { cookie }),
        },
      }),
    );
  }

  /** Signs in through the real form. */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/admin/connexion');
    return this.post('/admin/connexion', { email, password });
  }
}
