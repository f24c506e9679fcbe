import { declaration, organization } from '../domain/fixtures.js';
import { registry, type Registry } from '../registry/setup.js';

/** The registers' world (two institutions, a declarant at each, every role) plus helpers to file declarations. */
export interface Declarations extends Registry {
  /** Creates a draft as `token` and returns its body. */
  draft(token: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Creates and submits a filing; returns the submitted body. */
  filed(token: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Registers an organisation and returns its id. */
  organization(body?: Record<string, unknown>): Promise<string>;
}

/** A filing of the other official, at her institution. */
export function otherDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...declaration,
    official: 'CD002001',
    institution: 'cd002',
    declarant: { name: { full: 'Ana María Soto Lagos' }, run: '11222333-9', post: 'Alcaldesa', startDate: '2012-12-06' },
    relatives: [],
    spouseOrPartner: [],
    ...overrides,
  };
}

export async function declarations(): Promise<Declarations> {
  const r = await registry();
  const { t, as } = r;
  const created = async (what: string, path: string, token: string, body: Record<string, unknown>) => {
    const res = await as(token, t.request.post(path)).send(body);
    if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const draft = (token: string, body: Record<string, unknown> = declaration) => created('draft', '/api/v1/declarations', token, body);
  return {
    ...r,
    draft,
    async filed(token, body = declaration) {
      const started = await draft(token, body);
      const res = await as(token, t.request.post(`/api/v1/declarations/${String(started.id)}/submit`)).set('If-Match', `"${String(started.revision)}"`);
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    },
    organization: async (body = organization) => String((await created('organization', '/api/v1/organizations', r.tokens.admin, body)).id),
  };
}
