import type { Test } from 'supertest';
import { institution, official } from '../domain/fixtures.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

export interface Registry {
  t: TestApp;
  tokens: { admin: string; oversight: string; official: string; otherOfficial: string; registrar: string; otherRegistrar: string };
  as(token: string | undefined, req: Test): Test;
}

export const otherOfficial = {
  code: 'CD002001',
  name: { full: 'Ana María Soto Lagos' },
  positions: [{ institution: 'cd002', title: 'Alcaldesa', from: '2012-12-06' }],
  duties: { agenda: true, declarations: true },
};

/**
 * A fresh app with two institutions, an official at each (both keep an agenda and file declarations), and an
 * account of every role; the declarations tests build on it. `env` configures the app as the environment would.
 */
export async function registry(env?: Record<string, string>): Promise<Registry> {
  const t = await testApp({ env });
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
  };
}

/** A meeting body for the first official without references to records the test did not create. */
export function meetingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    official: 'AB001443',
    institution: 'ab001',
    startsAt: '2014-12-02T10:30:00-03:00',
    endsAt: '2014-12-02T11:15:00-03:00',
    modality: 'in-person',
    place: 'Palacio de La Moneda',
    subject: 'Ampliación de la faena minera y su tramitación ambiental.',
    attendees: [{ name: 'Andrés Valdés Ruiz-Tagle', kind: 'lobbyist', paid: true, represents: [{ name: 'Minera Los Andes S.A.' }] }],
    notes: 'Pidieron una segunda reunión.',
    ...overrides,
  };
}
