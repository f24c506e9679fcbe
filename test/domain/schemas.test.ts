import { expect } from 'chai';
import type { ValidateFunction } from 'ajv';
import * as fixtures from './fixtures.js';
import { DOMAIN_KINDS, idOf, loadSchemas, strictAjv, type Schema } from './schema-set.js';

const schemas = loadSchemas();
const ajv = strictAjv(schemas);

function validator(kind: string): ValidateFunction {
  const validate = ajv.getSchema(idOf(kind));
  if (validate === undefined) throw new Error(`schema ${kind} not loaded`);
  return validate;
}

/** The instance paths (with the missing or extra property appended) of every error, for precise assertions. */
function failures(kind: string, doc: unknown): string[] {
  const validate = validator(kind);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.params.missingProperty ?? error.params.additionalProperty;
    return `${error.instancePath}${extra === undefined ? '' : `/${extra}`}:${error.keyword}`;
  });
}

const clone = <T>(value: T): T => structuredClone(value);

/** Visits every subschema with its JSON pointer inside the file. */
function walk(node: unknown, pointer: string, visit: (schema: Schema, pointer: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${pointer}/${i}`, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Schema, pointer);
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'enum' && key !== 'const') walk(value, `${pointer}/${key}`, visit);
    }
  }
}

describe('domain schemas', () => {
  it('when every schemas/*.json is compiled by Ajv 2020 in strict mode, then each compiles', () => {
    for (const kind of DOMAIN_KINDS) {
      expect(schemas.has(kind), `schemas/${kind}.json exists`).to.equal(true);
      expect(() => validator(kind), kind).not.to.throw();
    }
  });

  it('when a schema file is read, then its $id names the file and it declares JSON Schema 2020-12', () => {
    for (const kind of DOMAIN_KINDS) {
      const schema = schemas.get(kind)!;
      expect(schema.$id).to.equal(idOf(kind));
      expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('when any object, string or array is declared, then it is closed and bounded', () => {
    const problems: string[] = [];
    for (const kind of DOMAIN_KINDS) {
      walk(schemas.get(kind), kind, (node, pointer) => {
        if (node.type === 'object' && node.additionalProperties !== false) problems.push(`${pointer}: additionalProperties`);
        if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined) problems.push(`${pointer}: maxLength`);
        if (node.type === 'array' && node.maxItems === undefined) problems.push(`${pointer}: maxItems`);
      });
    }
    expect(problems).to.deep.equal([]);
  });

  it('when a property is server-owned, then it is readOnly in every kind', () => {
    const serverOwned = ['id', 'registeredAt', 'updatedAt', 'createdBy', 'revision', 'status', 'withdrawal', 'submittedAt', 'state', 'requestedAt', 'normalizedName', 'mergedInto', 'mergedFrom'];
    for (const kind of DOMAIN_KINDS.filter((k) => k !== 'common')) {
      const properties = schemas.get(kind)!.properties as Record<string, Schema>;
      for (const name of serverOwned) {
        if (name in properties) expect(properties[name].readOnly, `${kind}.${name}`).to.equal(true);
      }
      expect(properties.id?.readOnly, `${kind}.id`).to.equal(true);
    }
  });

  for (const [kind, doc] of Object.entries(fixtures.validDocuments)) {
    it(`when the ${kind} fixture is validated, then it is valid as sent and as stored`, () => {
      expect(failures(kind, doc)).to.deep.equal([]);
      const withStatus = ['institution', 'official', 'person', 'organization'].includes(kind) ? {} : { status: 'active' };
      const id = kind === 'institution' ? fixtures.institution.code : kind === 'official' ? fixtures.official.code : fixtures.ids.record;
      expect(failures(kind, fixtures.asStored(doc, { id, ...withStatus }))).to.deep.equal([]);
    });
  }

  it('when a record is withdrawn with a notice, then it is valid; a notice without a reason is not', () => {
    const withdrawal = { reason: 'Registrada dos veces por error.', at: '2015-01-05T12:00:00Z', by: 'registrar-ab001' };
    expect(failures('meeting', fixtures.asStored(fixtures.meeting, { status: 'withdrawn', withdrawal }))).to.deep.equal([]);
    const { reason: _reason, ...noReason } = withdrawal;
    expect(failures('meeting', fixtures.asStored(fixtures.meeting, { status: 'withdrawn', withdrawal: noReason }))).to.include('/withdrawal/reason:required');
  });

  it('when a document carries a field no schema declares, then it is rejected and the field named', () => {
    expect(failures('institution', { ...fixtures.institution, website: 'https://interior.gob.cl' })).to.deep.equal(['/website:additionalProperties']);
    expect(failures('meeting', { ...fixtures.meeting, attendees: [{ ...fixtures.meeting.attendees[1], email: 'x@y.cl' }] })).to.include('/attendees/0/email:additionalProperties');
  });

  it('when text or a list is oversized, then it is rejected', () => {
    expect(failures('meeting', { ...fixtures.meeting, subject: 'a'.repeat(4001) })).to.deep.equal(['/subject:maxLength']);
    const vehicles = Array.from({ length: 101 }, () => fixtures.declaration.vehicles[0]);
    expect(failures('declaration', { ...fixtures.declaration, vehicles })).to.deep.equal(['/vehicles:maxItems']);
  });

  it('when codes do not follow InfoLobby form, then they are rejected', () => {
    expect(failures('institution', { ...fixtures.institution, code: 'AB001' })).to.deep.equal(['/code:pattern']);
    expect(failures('meeting', { ...fixtures.meeting, official: 'ab001443' })).to.deep.equal(['/official:pattern']);
  });

  it('when a RUT is malformed, then it is rejected; dotted and plain forms are accepted', () => {
    expect(failures('official', { ...fixtures.official, run: '12345678' })).to.deep.equal(['/run:pattern']);
    expect(failures('official', { ...fixtures.official, run: '12.345.678-5' })).to.deep.equal([]);
    expect(failures('organization', { ...fixtures.organization, taxId: '96.505.760-9' })).to.deep.equal([]);
  });

  it('when an official has no position, then it is rejected', () => {
    expect(failures('official', { ...fixtures.official, positions: [] })).to.deep.equal(['/positions:minItems']);
  });

  it('when a person kind or a meeting modality is not one of the register kinds, then it is rejected', () => {
    expect(failures('person', { ...fixtures.person, kind: 'consultant' })).to.deep.equal(['/kind:enum']);
    expect(failures('meeting', { ...fixtures.meeting, modality: 'phone' })).to.deep.equal(['/modality:enum']);
    expect(failures('meeting', { ...fixtures.meeting, subjectCategories: ['taxes'] })).to.deep.equal(['/subjectCategories/0:enum']);
  });

  it('when a meeting attendee has neither a person id nor a name, then it is rejected', () => {
    const doc = clone(fixtures.meeting);
    doc.attendees = [{ kind: 'lobbyist', paid: true } as (typeof doc.attendees)[number]];
    expect(failures('meeting', doc)).to.include('/attendees/0:anyOf');
  });

  it('when a meeting has no attendee on the other side, then it is rejected', () => {
    expect(failures('meeting', { ...fixtures.meeting, attendees: [] })).to.deep.equal(['/attendees:minItems']);
  });

  it('when a trip funder is informed but unnamed, then it is rejected; an uninformed one (S/I) is accepted', () => {
    expect(failures('trip', { ...fixtures.trip, funders: [{ informed: true }] })).to.include('/funders/0:anyOf');
    expect(failures('trip', { ...fixtures.trip, funders: [{ informed: false }] })).to.deep.equal([]);
  });

  it('when money is negative, fractional or in another currency, then it is rejected', () => {
    expect(failures('trip', { ...fixtures.trip, cost: { amount: -1, currency: 'CLP' } })).to.deep.equal(['/cost/amount:minimum']);
    expect(failures('trip', { ...fixtures.trip, cost: { amount: 10.5, currency: 'CLP' } })).to.deep.equal(['/cost/amount:type']);
    expect(failures('gift', { ...fixtures.gift, estimatedValue: { amount: 100, currency: 'EUR' } })).to.deep.equal(['/estimatedValue/currency:enum']);
  });

  it('when a gift names no donor at all, then it is rejected', () => {
    expect(failures('gift', { ...fixtures.gift, donor: {} })).to.include('/donor:anyOf');
  });

  it('when an attestation month is not YYYY-MM or covers nothing, then it is rejected', () => {
    expect(failures('attestation', { ...fixtures.attestation, month: '2015-13' })).to.deep.equal(['/month:pattern']);
    expect(failures('attestation', { ...fixtures.attestation, covers: { meetings: false, trips: false, gifts: false } })).to.include('/covers:anyOf');
  });

  it('when an audience request names no requester, then it is rejected', () => {
    expect(failures('audience-request', { ...fixtures.audienceRequest, requesters: [] })).to.deep.equal(['/requesters:minItems']);
  });

  it('when an answer to an audience request is checked, then its own definition accepts it and refuses an unknown decision', () => {
    const validate = ajv.getSchema(`${idOf('audience-request')}#/$defs/answer`)!;
    expect(validate(fixtures.audienceAnswer)).to.equal(true);
    expect(validate({ decision: 'postponed' })).to.equal(false);
  });

  it('when a declaration is a rectification, then it must name the filing it rectifies', () => {
    expect(failures('declaration', { ...fixtures.declaration, type: 'rectification' })).to.include('/rectifies:required');
    expect(failures('declaration', { ...fixtures.declaration, type: 'rectification', rectifies: fixtures.ids.declaration })).to.deep.equal([]);
  });

  it('when a declaration is not a rectification, then it may not name a rectified filing', () => {
    expect(failures('declaration', { ...fixtures.declaration, rectifies: fixtures.ids.declaration })).to.include(':not');
  });

  it('when a share is above 100% or a vehicle year is implausible, then it is rejected', () => {
    const doc = clone(fixtures.declaration);
    doc.companyStakes[0].share = 120;
    doc.vehicles[0].year = 1800;
    expect(failures('declaration', doc)).to.deep.equal(['/vehicles/0/year:minimum', '/companyStakes/0/share:maximum']);
  });

  it('when a liability omits whether it is a child-support debt, then it is rejected', () => {
    const doc = clone(fixtures.declaration);
    delete (doc.liabilities[0] as Partial<(typeof doc.liabilities)[number]>).childSupport;
    expect(failures('declaration', doc)).to.deep.equal(['/liabilities/0/childSupport:required']);
  });
});
