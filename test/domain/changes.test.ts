import { expect } from 'chai';
import { DECLARATION_SECTIONS, declarationChanges } from '../../src/declarations/changes.js';
import { declaration } from './fixtures.js';

const later = () => structuredClone(declaration);

describe('declaration changes', () => {
  it('when two filings are identical, then every section is reported empty and no field changed', () => {
    const changes = declarationChanges(declaration, later());
    expect(changes.fields).to.deep.equal([]);
    expect(Object.keys(changes.sections)).to.deep.equal(DECLARATION_SECTIONS.map(([name]) => name));
    for (const section of Object.values(changes.sections)) expect(section).to.deep.equal({ added: [], removed: [], changed: [] });
  });

  it('when a company stake keeps its RUT but changes share and name spelling, then it is one changed item naming the fields', () => {
    const newer = later();
    newer.companyStakes[0] = { ...newer.companyStakes[0], name: 'MINERA LOS ANDES SA', share: 0.2, numberOfShares: 4800 };
    expect(declarationChanges(declaration, newer).sections.companyStakes).to.deep.equal({
      added: [],
      removed: [],
      changed: [{ before: declaration.companyStakes[0], after: newer.companyStakes[0], fields: ['name', 'numberOfShares', 'share'] }],
    });
  });

  it('when a company stake has no RUT, then it is matched by its name without legal form', () => {
    const older = later();
    const { taxId: _taxId, ...withoutTaxId } = older.companyStakes[0];
    older.companyStakes = [withoutTaxId] as typeof older.companyStakes;
    const newer = later();
    newer.companyStakes = [{ ...withoutTaxId, name: 'Minera Los Andes SpA', share: 1 }] as typeof newer.companyStakes;
    const section = declarationChanges(older, newer).sections.companyStakes;
    expect(section.added).to.deep.equal([]);
    expect(section.removed).to.deep.equal([]);
    expect(section.changed.map((c) => c.fields)).to.deep.equal([['name', 'share']]);
  });

  it('when a stake is sold and another bought, then one is removed and the other added', () => {
    const newer = later();
    const bought = { name: 'Viña Santa Clara S.A.', taxId: '77261280-K', share: 3 };
    newer.companyStakes = [bought] as typeof newer.companyStakes;
    const section = declarationChanges(declaration, newer).sections.companyStakes;
    expect(section).to.deep.equal({ added: [bought], removed: [declaration.companyStakes[0]], changed: [] });
  });

  it('when a vehicle keeps its plate written differently and its appraisal changes, then it is the same vehicle', () => {
    const newer = later();
    newer.vehicles[0] = { ...newer.vehicles[0], plate: 'dkrt 45', appraisal: { amount: 8700000, currency: 'CLP' } };
    const section = declarationChanges(declaration, newer).sections.vehicles;
    expect(section.changed.map((c) => c.fields)).to.deep.equal([['appraisal', 'plate']]);
    expect(section.added).to.deep.equal([]);
  });

  it('when a vehicle has no plate, then make, model and year identify it', () => {
    const older = later();
    const newer = later();
    delete (older.vehicles[0] as { plate?: string }).plate;
    delete (newer.vehicles[0] as { plate?: string }).plate;
    newer.vehicles[0].appraisal = { amount: 1, currency: 'CLP' };
    expect(declarationChanges(older, newer).sections.vehicles.changed).to.have.length(1);
  });

  it('when real estate keeps commune, address and acquisition date, then a new appraisal is a change of that property', () => {
    const newer = later();
    newer.realEstate[0] = { ...newer.realEstate[0], fiscalAppraisal: { amount: 105000000, currency: 'CLP' } };
    const section = declarationChanges(declaration, newer).sections.realEstate;
    expect(section.changed).to.deep.equal([{ before: declaration.realEstate[0], after: newer.realEstate[0], fields: ['fiscalAppraisal'] }]);
  });

  it('when items are only reordered, then nothing is reported', () => {
    const older = later();
    older.securities.push({ kind: 'bonds', issuer: { name: 'Tesorería General de la República', taxId: '60805000-0' }, quantity: 10, value: { amount: 5000000, currency: 'CLP' } });
    const newer = structuredClone(older);
    newer.securities.reverse();
    expect(declarationChanges(older, newer).sections.securities).to.deep.equal({ added: [], removed: [], changed: [] });
  });

  it('when items of a keyless section differ, then the old one is removed and the new one added', () => {
    const newer = later();
    newer.otherInterests = [{ description: 'Socio del Club de Rugby de Concepción.' }];
    expect(declarationChanges(declaration, newer).sections.otherInterests).to.deep.equal({
      added: newer.otherInterests,
      removed: declaration.otherInterests,
      changed: [],
    });
  });

  it('when a liability of a new kind appears and a child-support debt is added, then both are added in filing order', () => {
    const newer: { liabilities: unknown[] } & Record<string, unknown> = later();
    const loan = { creditor: { name: 'Banco de Chile', taxId: '97004000-5' }, kind: 'consumer loan', amount: { amount: 1500000, currency: 'UTM' }, childSupport: false };
    const support = { creditor: { name: 'Ana Pérez' }, kind: 'child support', amount: { amount: 300000, currency: 'CLP' }, childSupport: true };
    newer.liabilities.push(loan, support);
    expect(declarationChanges(declaration, newer).sections.liabilities.added).to.deep.equal([loan, support]);
  });

  it('when the spouse is the same RUN, then a new property regime is a change of that person', () => {
    const newer = later();
    newer.spouseOrPartner[0] = { ...newer.spouseOrPartner[0], propertyRegime: 'community' };
    expect(declarationChanges(declaration, newer).sections.spouseOrPartner.changed.map((c) => c.fields)).to.deep.equal([['propertyRegime']]);
  });

  it('when declarant data and the type change, then they are listed by dotted field, sorted, bookkeeping ignored', () => {
    const older = { ...later(), id: 'a', revision: 1, submittedAt: '2015-03-10T10:00:00Z' };
    const newer = { ...later(), id: 'b', revision: 3, submittedAt: '2016-03-10T10:00:00Z', type: 'exit' };
    newer.declarant = { ...newer.declarant, civilStatus: 'divorced', grade: 'B' };
    expect(declarationChanges(older, newer).fields).to.deep.equal([
      { field: 'declarant.civilStatus', before: 'married', after: 'divorced' },
      { field: 'declarant.grade', before: 'A', after: 'B' },
      { field: 'type', before: 'periodic', after: 'exit' },
    ]);
  });

  it('when a section is missing from one filing, then its items are all added or all removed', () => {
    const newer = later();
    const { relatives: _relatives, ...withoutRelatives } = newer;
    const changes = declarationChanges(withoutRelatives, declaration);
    expect(changes.sections.relatives.added).to.deep.equal(declaration.relatives);
    expect(changes.fields).to.deep.equal([]);
  });
});
