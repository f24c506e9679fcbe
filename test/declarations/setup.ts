import type { Test } from 'supertest';
import { declaration, institution, official, organization } from '../domain/fixtures.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

export interface Declarations {
  t: TestApp;
  tokens: { admin: string; oversight: string; official: string; otherOfficial: string; registrar: string; otherRegistrar: string };
  as(token: string | undefined, req: Test): Test;
  /** Creates a draft as `token` and returns its body. */
  draft(token: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Creates and submits a filing; returns the submitted body. */
  filed(token: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Registers an organisation and returns its id. */
  organization(body?: Record<string, unknown>): Promise<string>;
}

export const otherOfficial = {
  code: 'CD002001',
  name: { full: 'Ana María Soto Lagos' },
  positions: [{ institution: 'cd002', title: 'Alcaldesa', from: '2012-12-06' }],
  duties: { agenda: true, declarations: true },
};

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

/** A fresh app with two institutions, a declarant at each, and an account of every role. */
export async function declarations(): Promise<Declarations> {
  const t = await testApp();
  const admin = await t.tokenFor('admin');
  const as = (token: string | undefined, req: Test) => (token === undefined ? req : req.set('Authorization', `Bearer ${token}`));
  for (const [path, body] of [
    ['/api/v1/institutions', institution],
    ['/api/v1/institutions', { code: 'cd002', name: 'Municipalidad de Ñuñoa', kind: 'municipality', region: 'CL-RM' }],
    ['/api/v1/officials', official],
    ['/api/v1/officials', otherOfficial],
  ] as const) {
    const res = await as(admin, t.request.post(path)).send(body);
    if (res.status !== 201) throw new Error(`setup ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const draft = async (token: string, body: Record<string, unknown> = declaration) => {
    const res = await as(token, t.request.post('/api/v1/declarations')).send(body);
    if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  return {
    t,
    as,
    tokens: {
      admin,
      oversight: await t.tokenFor('oversight'),
      official: await t.tokenFor('official', { official: 'AB001443' }),
      otherOfficial: await t.tokenFor('official', { official: 'CD002001' }),
      registrar: await t.tokenFor('registrar', { institutions: ['ab001'] }),
      otherRegistrar: await t.tokenFor('registrar', { institutions: ['cd002'] }),
    },
    draft,
    async filed(token, body = declaration) {
      const created = await draft(token, body);
      const res = await as(token, t.request.post(`/api/v1/declarations/${String(created.id)}/submit`)).set('If-Match', `"${String(created.revision)}"`);
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    },
    async organization(body = organization) {
      const res = await as(admin, t.request.post('/api/v1/organizations')).send(body);
      if (res.status !== 201) throw new Error(`organization: ${res.status} ${JSON.stringify(res.body)}`);
      return String(res.body.id);
    },
  };
}
