import { expect } from 'chai';
import { normalizeOrganizationName, normalizeText, searchTokens } from '../../src/registry/names.js';

describe('name normalisation', () => {
  it('when text has accents, ñ, capitals and punctuation, then it reads as plain lowercase words', () => {
    expect(normalizeText('  Peñailillo,   RODRÍGUEZ!! (Subsecretaría) ')).to.equal('penailillo rodriguez subsecretaria');
  });

  it('when a search types penailillo, then it equals the normalised Peñailillo', () => {
    expect(normalizeText('penailillo')).to.equal(normalizeText('Peñailillo'));
  });

  it('when an institution is written with and without accents, then both normalise alike', () => {
    expect(normalizeText('SUBSECRETARÍA DEL INTERIOR')).to.equal(normalizeText('Subsecretaria del Interior'));
  });

  it('when several texts are tokenised, then each normalised word appears once, in first-seen order', () => {
    expect(searchTokens('Rodrigo Peñailillo', 'PEÑAILILLO Briceño', undefined, null, '')).to.deep.equal(['rodrigo', 'penailillo', 'briceno']);
  });

  it('when organisation names differ only in case, accents, punctuation or legal form, then they normalise alike', () => {
    const expected = 'minera los andes';
    for (const name of ['Minera Los Andes S.A.', 'MINERA LOS ANDES SA', 'minera los andes', 'Minera Los Andes S. A.', 'Minera Los Andes SpA', 'Minera los Andes Ltda.', 'Minera Los Andes Limitada', 'Minera Los Andes E.I.R.L.', 'Minera Los Andes S.A.C.', 'Minera Los Ándes, Inc.', 'Minera Los Andes LLC', 'Minera Los Andes Corp.', 'Minera Los Andes Sociedad Anónima']) {
      expect(normalizeOrganizationName(name), name).to.equal(expected);
    }
  });

  it('when a name ends in "y Cía." with a legal form, then both are dropped, whether written y or &', () => {
    expect(normalizeOrganizationName('Pérez y Cía. Ltda.')).to.equal('perez');
    expect(normalizeOrganizationName('Pérez & Cía.')).to.equal('perez');
  });

  it('when a legal form appears inside the name rather than at its end, then it is kept', () => {
    expect(normalizeOrganizationName('SA Holdings Chile')).to.equal('sa holdings chile');
  });

  it('when a name is nothing but a legal form, then it is not reduced to nothing', () => {
    expect(normalizeOrganizationName('S.A.')).to.equal('sa');
  });

  it('when two different organisations are normalised, then they stay different', () => {
    expect(normalizeOrganizationName('Minera Los Andes S.A.')).not.to.equal(normalizeOrganizationName('Minera Los Andes del Sur S.A.'));
  });
});
