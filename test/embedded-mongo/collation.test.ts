import { Int32 } from 'bson';
import { expect } from 'chai';
import { CollationError, collationOf, normalizeCollation, type CollationSpec } from '../../src/embedded-mongo/collation.js';

function collation(spec: Partial<CollationSpec> & { locale: string }) {
  const normalized = normalizeCollation(spec);
  if (normalized === null) throw new Error('expected a non-simple collation');
  return collationOf(normalized);
}

function refusal(spec: unknown): CollationError {
  try {
    normalizeCollation(spec);
  } catch (err) {
    expect(err).to.be.instanceOf(CollationError);
    return err as CollationError;
  }
  throw new Error('expected the collation to be refused');
}

describe('embedded-mongo collation', () => {
  describe('normalizeCollation', () => {
    it('when the locale is simple or no collation is given, then it is the binary comparison (null)', () => {
      expect(normalizeCollation({ locale: 'simple' })).to.equal(null);
      expect(normalizeCollation(undefined)).to.equal(null);
    });

    it('when only a locale is given, then mongod\'s defaults are filled in', () => {
      expect(normalizeCollation({ locale: 'es' })).to.deep.equal({
        locale: 'es', caseLevel: false, caseFirst: 'off', strength: 3, numericOrdering: false,
        alternate: 'non-ignorable', maxVariable: 'punct', normalization: false, backwards: false,
      });
    });

    it('when strength comes as a BSON Int32 and the locale uses an ICU underscore, then both are accepted', () => {
      expect(normalizeCollation({ locale: 'fr_CA', strength: new Int32(2) })).to.include({ locale: 'fr_CA', strength: 2 });
    });

    it('when the locale is unknown, then it is refused with BadValue', () => {
      const err = refusal({ locale: 'xx_nowhere' });
      expect([err.code, err.codeName]).to.deep.equal([2, 'BadValue']);
      expect(err.message).to.contain("Field 'locale' is invalid");
    });

    it('when strength is out of range, then it is refused with BadValue', () => {
      expect(refusal({ locale: 'es', strength: 6 }).code).to.equal(2);
      expect(refusal({ locale: 'es', strength: 1.5 }).code).to.equal(2);
    });

    it('when a field is unknown, has the wrong type, or an unknown choice, then it is refused', () => {
      expect(refusal({ locale: 'es', colour: 1 }).message).to.contain("'collation.colour' is an unknown field");
      expect(refusal({ locale: 'es', caseLevel: 'yes' }).code).to.equal(14);
      expect(refusal({ locale: 'es', caseFirst: 'sideways' }).code).to.equal(2);
      expect(refusal({ strength: 1 }).message).to.contain("'collation.locale' is missing");
      expect(refusal('es').code).to.equal(14);
    });
  });

  describe('collationOf', () => {
    it('when Spanish strength 1 compares surnames, then case and accents are ignored but ñ stays its own letter', () => {
      const es = collation({ locale: 'es', strength: 1 });
      expect(es.compare('Pérez', 'PEREZ')).to.equal(0);
      expect(es.compare('Pérez', 'perez')).to.equal(0);
      expect(es.compare('Peñailillo', 'PEÑAILILLO')).to.equal(0);
      expect(es.compare('Peñailillo', 'Penailillo')).to.not.equal(0);
      expect(new Set(['Pérez', 'PEREZ', 'perez'].map(es.key)).size).to.equal(1);
      expect(es.key('Peñailillo')).to.equal(es.key('PEÑAILILLO'));
      expect(es.key('Peñailillo')).to.not.equal(es.key('Penailillo'));
    });

    it('when strength is 2, then accents matter and case does not', () => {
      const es = collation({ locale: 'es', strength: 2 });
      expect(es.compare('Pérez', 'PÉREZ')).to.equal(0);
      expect(es.compare('Pérez', 'Perez')).to.not.equal(0);
      expect(es.key('Pérez')).to.equal(es.key('PÉREZ'));
      expect(es.key('Pérez')).to.not.equal(es.key('Perez'));
    });

    it('when strength is 3, then case matters too', () => {
      const es = collation({ locale: 'es' });
      expect(es.compare('perez', 'Perez')).to.not.equal(0);
      expect(es.key('perez')).to.not.equal(es.key('Perez'));
    });

    it('when Spanish sorts, then ñ comes after n and before o', () => {
      const es = collation({ locale: 'es', strength: 1 });
      expect(['oso', 'ñandú', 'nube'].sort(es.compare)).to.deep.equal(['nube', 'ñandú', 'oso']);
    });

    it('when a string is decomposed (e + combining accent), then its key equals the precomposed one', () => {
      const es = collation({ locale: 'es', strength: 3 });
      expect(es.key('Pe\u0301rez')).to.equal(es.key('Pérez'));
    });

    it('when numericOrdering is on, then digit runs compare by value and equal numbers share a key', () => {
      const en = collation({ locale: 'en', numericOrdering: true });
      expect(['item10', 'item9', 'item100'].sort(en.compare)).to.deep.equal(['item9', 'item10', 'item100']);
      expect(en.key('file007')).to.equal(en.key('file7'));
    });

    it('when any two sample strings share a key, then the collator calls them equal', () => {
      const samples = ['Pérez', 'PEREZ', 'perez', 'Peñailillo', 'PEÑAILILLO', 'Penailillo', 'Ñuñoa', 'nunoa', 'Álvarez', 'alvarez', 'ALVAREZ'];
      for (const strength of [1, 2, 3]) {
        const es = collation({ locale: 'es', strength });
        for (const a of samples) {
          for (const b of samples) {
            expect(es.key(a) === es.key(b), `${a} vs ${b} at ${strength}`).to.equal(es.compare(a, b) === 0);
          }
        }
      }
    });
  });
});
