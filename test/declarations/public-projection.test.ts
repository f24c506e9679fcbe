import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { rutCheckDigit } from '../../src/registry/rut.js';
import { declaration } from '../domain/fixtures.js';
import { declarations, type Declarations } from './setup.js';

const run = (body: string) => `${body}-${rutCheckDigit(body)}`;

/** Every x-private field of schemas/declaration.json, with a value found nowhere else in the filing. */
const secrets = (n: number) => ({
  'declarant.run': run(`2111111${n}`),
  'declarant.domicile': `Calle Reservada ${n}01`,
  'realEstate.address': `Pasaje Oculto ${n}02`,
  'vehicle.plate': `ZZPR${n}3`,
  'shipOrAircraft.registration': `MAT-RESERV-${n}4`,
  'spouseOrPartner.run': run(`2222222${n}`),
  'childOrWard.name': `Menor Reservado ${n}`,
  'childOrWard.run': run(`2333333${n}`),
  'relative.run': run(`2444444${n}`),
  // Server-set; their values are checked below from what the server stored.
  createdBy: undefined,
  organizationKeys: undefined,
});

function filing(n: number): Record<string, unknown> {
  const s = secrets(n);
  return {
    ...declaration,
    declarant: { ...declaration.declarant, run: s['declarant.run'], domicile: { street: s['declarant.domicile'], commune: 'Ñuñoa' } },
    realEstate: [{ ...declaration.realEstate[0], address: s['realEstate.address'] }],
    vehicles: [{ ...declaration.vehicles[0], plate: s['vehicle.plate'] }],
    shipsAndAircraft: [{ kind: 'ship', name: 'Lancha', registration: s['shipOrAircraft.registration'] }],
    spouseOrPartner: [{ ...declaration.spouseOrPartner[0], run: s['spouseOrPartner.run'] }],
    childrenAndWardsAssets: [{ relationship: 'child', name: { full: s['childOrWard.name'] }, run: s['childOrWard.run'], assets: { vehicles: [] } }],
    relatives: [
      { relationship: 'parent', degree: 1, name: { full: 'Luis Peñailillo Contreras' }, run: s['relative.run'] },
      // Not a first-degree direct-line relative: the law keeps the whole entry reserved.
      { relationship: 'sibling', degree: 2, name: { full: `Hermano Reservado ${n}` } },
    ],
  };
}

describe('public projection of declarations over every endpoint', () => {
  let d: Declarations;
  let first: Record<string, unknown>;
  let second: Record<string, unknown>;
  let organization: string;
  let privateValues: string[];
  before(async () => {
    d = await declarations();
    organization = await d.organization();
    first = await d.filed(d.tokens.official, filing(1));
    second = await d.filed(d.tokens.official, { ...filing(2), type: 'rectification', rectifies: first.id });
    const stored = await d.t.db.collection('declarations').find({}).toArray();
    privateValues = [
      ...[1, 2].flatMap((n) => Object.values(secrets(n)).filter((v): v is string => v !== undefined)),
      ...[1, 2].map((n) => `Hermano Reservado ${n}`),
      ...stored.map((record) => String(record.createdBy)),
      ...stored.flatMap((record) => record.organizationKeys as string[]),
    ];
    // RUNs also without the hyphen, so a reformatted copy is caught too.
    privateValues.push(...privateValues.filter((v) => /^\d+-[\dK]$/.test(v)).map((v) => v.split('-')[0]));
  });
  after(() => d?.t.close());

  it('when the schema marks a field x-private, then this test plants a value in it', () => {
    const schema = readFileSync('schemas/declaration.json', 'utf8');
    expect(schema.match(/"x-private": true/g)).to.have.length(Object.keys(secrets(1)).length);
    expect(privateValues.filter((v) => v.startsWith('rut:'))).to.not.be.empty;
  });

  it('when anyone without the whole view calls any read endpoint, JSON or CSV, then no private value appears', async () => {
    const paths = [
      '/api/v1/declarations',
      '/api/v1/declarations?official=AB001443&type=rectification',
      '/api/v1/declarations?format=csv',
      `/api/v1/declarations/${String(first.id)}`,
      `/api/v1/declarations/${String(second.id)}`,
      `/api/v1/declarations/${String(first.id)}/revisions`,
      `/api/v1/declarations/${String(second.id)}/revisions`,
      `/api/v1/declarations/${String(second.id)}/changes?since=${String(first.id)}`,
      `/api/v1/declarations/${String(first.id)}/changes?since=${String(second.id)}`,
      `/api/v1/organizations/${organization}/declared-by`,
    ];
    for (const token of [undefined, d.tokens.otherOfficial, d.tokens.otherRegistrar]) {
      for (const path of paths) {
        const res = await d.as(token, d.t.request.get(path)).expect(200);
        expect(res.text.length, path).to.be.greaterThan(50);
        for (const value of privateValues) expect(res.text, `${path} leaks ${value}`).not.to.include(value);
      }
    }
  });

  it('when the public reads a filing, then parents and children stay and other relatives go', async () => {
    const res = await d.t.request.get(`/api/v1/declarations/${String(first.id)}`).expect(200);
    expect(res.body.relatives).to.deep.equal([{ relationship: 'parent', degree: 1, name: { full: 'Luis Peñailillo Contreras' } }]);
    expect(res.body.childrenAndWardsAssets).to.deep.equal([{ relationship: 'child', assets: { vehicles: [] } }]);
  });

  it('when oversight reads, then the private values are there (the scan above can find them)', async () => {
    const res = await d.as(d.tokens.oversight, d.t.request.get(`/api/v1/declarations/${String(first.id)}`)).expect(200);
    for (const value of Object.values(secrets(1)).filter((v): v is string => v !== undefined)) expect(res.text).to.include(value);
    expect(res.text).to.include('Hermano Reservado 1');
    expect(res.body).not.to.have.property('organizationKeys');
  });
});
