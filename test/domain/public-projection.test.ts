import { expect } from 'chai';
import { publicProjection, schemaResolver, WITHDRAWN_PUBLIC_FIELDS } from '../../src/presenters/public-projection.js';
import * as fixtures from './fixtures.js';
import { loadSchemas, resolverFor } from './schema-set.js';

const schemas = loadSchemas();
const resolve = resolverFor(schemas);
const project = (kind: string, doc: object) => publicProjection(schemas.get(kind)!, doc, resolve) as Record<string, any>;

describe('public projection', () => {
  it('when a meeting is projected, then internal notes and the registrar are gone and everything else is kept', () => {
    const stored = fixtures.asStored(fixtures.meeting, { status: 'active' });
    const { notes: _notes, createdBy: _createdBy, ...expected } = stored;
    expect(project('meeting', stored)).to.deep.equal(expected);
  });

  it('when a person is projected, then the RUN and contact details are gone', () => {
    expect(project('person', fixtures.person)).to.deep.equal({
      name: fixtures.person.name,
      kind: 'lobbyist',
      organization: fixtures.ids.organization2,
    });
  });

  it('when an organisation is projected, then the RUNs inside the legal representative and every director are gone', () => {
    const projected = project('organization', fixtures.organization);
    expect(projected.legalRepresentative).to.deep.equal({ name: 'María José Fuentes Lagos' });
    expect(projected.directors).to.deep.equal([
      { name: 'Juan Pablo Errázuriz Vial', role: 'presidente' },
      { name: 'Carolina Muñoz Soto', role: 'directora' },
    ]);
    expect(projected.taxId).to.equal('96505760-9');
    expect(projected.domicile).to.deep.equal(fixtures.organization.domicile);
  });

  it('when an audience request is projected, then requesters keep their names only and the answering user is gone', () => {
    const stored = fixtures.asStored(fixtures.audienceRequest, { answer: { ...fixtures.audienceAnswer, at: '2014-11-28T15:00:00Z', by: 'official-AB001443' } });
    const projected = project('audience-request', stored);
    expect(projected.requesters).to.deep.equal([{ name: 'Andrés Valdés Ruiz-Tagle', person: fixtures.ids.person, kind: 'lobbyist' }]);
    expect(projected.answer).to.deep.equal({ ...fixtures.audienceAnswer, at: '2014-11-28T15:00:00Z' });
    expect(projected.represents).to.deep.equal(fixtures.audienceRequest.represents);
  });

  it('when a declaration is projected, then RUNs, domicile, addresses, plates and minors’ names are gone at every depth', () => {
    const doc = structuredClone(fixtures.declaration) as typeof fixtures.declaration & Record<string, any>;
    doc.spouseOrPartner[0] = { ...doc.spouseOrPartner[0], propertyRegime: 'community', assets: { vehicles: [{ kind: 'car', make: 'Kia', model: 'Rio', year: 2015, plate: 'GHJK-12' }] } } as (typeof doc.spouseOrPartner)[number];
    doc.childrenAndWardsAssets = [{ relationship: 'child', name: { full: 'Tomás Peñailillo Rojas' }, run: '21345678-4', assets: { securities: [{ kind: 'deposit', issuer: { name: 'Banco Estado' } }] } }] as never;
    const projected = project('declaration', doc);
    expect(projected.declarant).to.deep.equal({
      name: { full: 'Rodrigo Peñailillo Briceño' },
      civilStatus: 'married',
      profession: 'Ingeniero comercial',
      post: 'Ministro del Interior y Seguridad Pública',
      grade: 'A',
      startDate: '2014-03-11',
    });
    expect(projected.realEstate[0]).not.to.have.property('address');
    expect(projected.realEstate[0].commune).to.equal('Las Condes');
    expect(projected.vehicles[0]).not.to.have.property('plate');
    expect(projected.spouseOrPartner[0]).not.to.have.property('run');
    expect(projected.spouseOrPartner[0].assets.vehicles).to.deep.equal([{ kind: 'car', make: 'Kia', model: 'Rio', year: 2015 }]);
    expect(projected.childrenAndWardsAssets).to.deep.equal([{ relationship: 'child', assets: { securities: [{ kind: 'deposit', issuer: { name: 'Banco Estado' } }] } }]);
    expect(projected.relatives).to.deep.equal([{ relationship: 'parent', degree: 1, name: { full: 'Luis Peñailillo Contreras' }, occupation: 'Jubilado' }]);
  });

  it('when a record is withdrawn, then only its identifying fields and the notice (without who withdrew it) are public', () => {
    const withdrawal = { reason: 'Registrada dos veces por error.', at: '2015-01-05T12:00:00Z', by: 'registrar-ab001' };
    const stored = fixtures.asStored(fixtures.meeting, { status: 'withdrawn', withdrawal });
    expect(project('meeting', stored)).to.deep.equal({
      id: fixtures.ids.record,
      code: 'ab0012345',
      official: 'AB001443',
      institution: 'ab001',
      status: 'withdrawn',
      withdrawal: { reason: withdrawal.reason, at: withdrawal.at },
      registeredAt: stored.registeredAt,
    });
    expect(WITHDRAWN_PUBLIC_FIELDS).not.to.include('subject');
  });

  it('when a document carries a field its schema does not declare, then the field is not shown', () => {
    expect(project('gift', { ...fixtures.gift, _id: 'raw', internalFlag: true })).to.deep.equal(fixtures.gift);
  });

  it('when a document is projected, then the original is left untouched', () => {
    const doc = structuredClone(fixtures.person);
    project('person', doc);
    expect(doc).to.deep.equal(fixtures.person);
  });

  it('when privacy is marked inside allOf, anyOf, oneOf, if/then/else or a referenced definition, then it is honoured', () => {
    const schema = {
      $id: 'https://example.test/combined.json',
      type: 'object',
      properties: { kind: { type: 'string' }, shared: { type: 'string' } },
      allOf: [{ properties: { a: { type: 'string', 'x-private': true } } }],
      anyOf: [{ properties: { b: { type: 'string', 'x-private': true } } }, { properties: { shared: { type: 'string' } } }],
      oneOf: [{ properties: { c: { $ref: '#/$defs/secret' } } }],
      if: { properties: { kind: { const: 'x' } } },
      then: { properties: { d: { type: 'string', 'x-private': true } } },
      else: { properties: { e: { type: 'object', properties: { f: { type: 'string', 'x-private': true }, g: { type: 'string' } } } } },
      $defs: { secret: { type: 'string', 'x-private': true } },
    };
    const resolveOwn = schemaResolver([schema]);
    const doc = { kind: 'y', shared: 's', a: '1', b: '2', c: '3', d: '4', e: { f: '5', g: '6' } };
    expect(publicProjection(schema, doc, resolveOwn)).to.deep.equal({ kind: 'y', shared: 's', e: { g: '6' } });
  });

  it('when a reference cannot be resolved, then projection fails rather than guess', () => {
    const schema = { $id: 'https://example.test/broken.json', type: 'object', properties: { a: { $ref: 'missing.json' } } };
    expect(() => publicProjection(schema, { a: 1 }, schemaResolver([schema]))).to.throw(/missing\.json/);
  });
});
