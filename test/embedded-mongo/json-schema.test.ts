import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Document } from 'bson';
import { expect } from 'chai';
import { compileJsonSchema, JsonSchemaError } from '../../src/embedded-mongo/json-schema/index.js';

function verdict(schema: Document, doc: Document) {
  return compileJsonSchema(schema)(doc);
}

function rules(schema: Document, doc: Document): Document[] {
  const v = verdict(schema, doc);
  if (v.ok) throw new Error('expected the document to fail');
  return v.details.schemaRulesNotSatisfied as Document[];
}

function refusal(schema: Document): JsonSchemaError {
  try {
    compileJsonSchema(schema);
  } catch (err) {
    expect(err).to.be.instanceOf(JsonSchemaError);
    return err as JsonSchemaError;
  }
  throw new Error('expected the schema to be refused');
}

describe('embedded-mongo $jsonSchema', () => {
  describe('bsonType and type', () => {
    const cases: Array<[string, unknown, string]> = [
      ['double', new Double(1), 'double'],
      ['double', 1.5, 'double'],
      ['int', 7, 'int'],
      ['int', new Int32(7), 'int'],
      ['long', Long.fromNumber(7), 'long'],
      ['long', 2 ** 40, 'double'],
      ['decimal', Decimal128.fromString('1.5'), 'decimal'],
      ['string', 'x', 'string'],
      ['object', { a: 1 }, 'object'],
      ['array', [1], 'array'],
      ['binData', new Binary(Buffer.from('x')), 'binData'],
      ['objectId', new ObjectId(), 'objectId'],
      ['bool', false, 'bool'],
      ['date', new Date(), 'date'],
      ['null', null, 'null'],
      ['regex', /x/, 'regex'],
    ];
    for (const [alias, value, actual] of cases) {
      it(`when a ${actual} value meets bsonType '${alias}', then ${alias === actual ? 'it passes' : 'it is judged by its encoded type'}`, () => {
        expect(verdict({ properties: { v: { bsonType: alias } } }, { v: value }).ok).to.equal(alias === actual);
      });
    }

    it('when bsonType is "number", then int, long, double and decimal pass and a string fails', () => {
      const check = compileJsonSchema({ properties: { n: { bsonType: 'number' } } });
      for (const n of [1, 1.5, Long.fromNumber(3), Decimal128.fromString('2')]) expect(check({ n }).ok).to.equal(true);
      expect(check({ n: '1' }).ok).to.equal(false);
    });

    it('when bsonType is a list, then any listed type passes', () => {
      const check = compileJsonSchema({ properties: { v: { bsonType: ['string', 'null'] } } });
      expect(check({ v: null }).ok).to.equal(true);
      expect(check({ v: 'a' }).ok).to.equal(true);
      expect(check({ v: 1 }).ok).to.equal(false);
    });

    it('when JSON type names are used, then boolean and number map to BSON types', () => {
      const check = compileJsonSchema({ properties: { b: { type: 'boolean' }, n: { type: 'number' } } });
      expect(check({ b: true, n: 2.5 }).ok).to.equal(true);
      expect(check({ b: 1 }).ok).to.equal(false);
    });

    it('when a property has the wrong type, then details name the property, the rule, the value and its type', () => {
      const v = verdict(
        { title: 'Official', properties: { name: { bsonType: 'string', description: 'full name' } } },
        { name: 42 },
      );
      expect(v).to.deep.equal({
        ok: false,
        details: {
          operatorName: '$jsonSchema',
          title: 'Official',
          schemaRulesNotSatisfied: [
            {
              operatorName: 'properties',
              propertiesNotSatisfied: [
                {
                  propertyName: 'name',
                  description: 'full name',
                  details: [
                    {
                      operatorName: 'bsonType',
                      specifiedAs: { bsonType: 'string' },
                      reason: 'type did not match',
                      consideredValue: 42,
                      consideredType: 'int',
                    },
                  ],
                },
              ],
            },
          ],
        },
      });
    });

    it('when the top-level type excludes objects, then no document passes', () => {
      expect(verdict({ bsonType: 'string' }, { a: 1 }).ok).to.equal(false);
      expect(verdict({ bsonType: 'object' }, { a: 1 }).ok).to.equal(true);
    });
  });

  describe('required, properties, additionalProperties, patternProperties', () => {
    it('when required fields are missing, then they are listed sorted with the rule as specified', () => {
      expect(rules({ required: ['year', 'name', 'code'] }, { code: 'x' })).to.deep.equal([
        { operatorName: 'required', specifiedAs: { required: ['year', 'name', 'code'] }, missingProperties: ['name', 'year'] },
      ]);
    });

    it('when a property is absent and not required, then its schema is not applied', () => {
      expect(verdict({ properties: { a: { bsonType: 'string' } } }, {}).ok).to.equal(true);
    });

    it('when additionalProperties is false, then undeclared fields are listed in document order', () => {
      expect(rules({ properties: { _id: {}, a: {} }, additionalProperties: false }, { _id: 1, z: 1, a: 1, b: 2 })).to.deep.equal([
        { operatorName: 'additionalProperties', specifiedAs: { additionalProperties: false }, additionalProperties: ['z', 'b'] },
      ]);
    });

    it('when additionalProperties is a schema, then the first undeclared field failing it is reported', () => {
      const [rule] = rules({ properties: { a: {} }, additionalProperties: { bsonType: 'int' } }, { a: 'x', b: 1, c: 'no' });
      expect(rule).to.include({ operatorName: 'additionalProperties', failingProperty: 'c' });
      expect(rule.details[0]).to.include({ operatorName: 'bsonType', consideredValue: 'no' });
    });

    it('when a field matches a patternProperties regex, then that schema applies and it is not additional', () => {
      const schema = { patternProperties: { '^x_': { bsonType: 'string' } }, additionalProperties: false };
      expect(verdict(schema, { x_a: 'ok' }).ok).to.equal(true);
      const [rule] = rules(schema, { x_a: 1 });
      expect(rule).to.deep.include({ operatorName: 'patternProperties' });
      expect(rule.details[0]).to.include({ propertyName: 'x_a', regexMatched: '^x_' });
      expect(rules(schema, { y: 1 })[0].additionalProperties).to.deep.equal(['y']);
    });

    it('when a nested object fails, then its failures nest under the parent property', () => {
      const schema = { properties: { address: { bsonType: 'object', required: ['city'], properties: { zip: { bsonType: 'string' } } } } };
      const [rule] = rules(schema, { address: { zip: 1 } });
      const nested = rule.propertiesNotSatisfied[0].details;
      expect(nested.map((d: Document) => d.operatorName)).to.deep.equal(['properties', 'required']);
      expect(nested[1].missingProperties).to.deep.equal(['city']);
    });

    it('when minProperties or maxProperties is broken, then the count is reported', () => {
      expect(rules({ minProperties: 3 }, { _id: 1 })).to.deep.equal([
        { operatorName: 'minProperties', specifiedAs: { minProperties: 3 }, reason: 'specified number of properties was not satisfied', numberOfProperties: 1 },
      ]);
      expect(verdict({ maxProperties: 2 }, { a: 1, b: 2, c: 3 }).ok).to.equal(false);
    });

    it('when a dependency is present without what it needs, then the missing fields are reported', () => {
      const schema = { dependencies: { card: ['billing'], vip: { required: ['since'] } } };
      expect(verdict(schema, { other: 1 }).ok).to.equal(true);
      expect(rules(schema, { card: 1, vip: true })).to.deep.equal([
        {
          operatorName: 'dependencies',
          failingDependencies: [
            { conditionalProperty: 'card', missingProperties: ['billing'] },
            { conditionalProperty: 'vip', details: [{ operatorName: 'required', specifiedAs: { required: ['since'] }, missingProperties: ['since'] }] },
          ],
        },
      ]);
    });
  });

  describe('strings and numbers', () => {
    it('when a string is shorter than minLength in code points, then it fails; astral characters count once', () => {
      const check = compileJsonSchema({ properties: { s: { minLength: 2, maxLength: 3 } } });
      expect(check({ s: '😀' }).ok).to.equal(false);
      expect(check({ s: '😀😀😀' }).ok).to.equal(true);
      expect(check({ s: 'abcd' }).ok).to.equal(false);
    });

    it('when a restriction meets a value of another type, then it does not apply', () => {
      expect(verdict({ properties: { s: { minLength: 5, minimum: 3, minItems: 2 } } }, { s: true }).ok).to.equal(true);
    });

    it('when a string does not match pattern, then the rule and value are reported', () => {
      expect(rules({ properties: { code: { pattern: '^[a-z]{2}[0-9]{3}$' } } }, { code: 'AB001' })[0].propertiesNotSatisfied[0].details).to.deep.equal([
        { operatorName: 'pattern', specifiedAs: { pattern: '^[a-z]{2}[0-9]{3}$' }, reason: 'regular expression did not match', consideredValue: 'AB001' },
      ]);
    });

    it('when minimum and maximum are inclusive or exclusive, then the bounds follow draft-4 booleans', () => {
      const inclusive = compileJsonSchema({ properties: { n: { minimum: 0, maximum: 10 } } });
      expect([0, 10, -1, 11].map((n) => inclusive({ n }).ok)).to.deep.equal([true, true, false, false]);
      const exclusive = compileJsonSchema({ properties: { n: { minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true } } });
      expect([0, 10, 5].map((n) => exclusive({ n }).ok)).to.deep.equal([false, false, true]);
      expect(exclusive({ n: Long.fromNumber(10) }).ok).to.equal(false);
      expect(exclusive({ n: Decimal128.fromString('9.5') }).ok).to.equal(true);
    });

    it('when a number breaks minimum, then the failure says comparison failed', () => {
      const detail = rules({ properties: { n: { minimum: 5 } } }, { n: 1 })[0].propertiesNotSatisfied[0].details[0];
      expect(detail).to.deep.equal({ operatorName: 'minimum', specifiedAs: { minimum: 5 }, reason: 'comparison failed', consideredValue: 1 });
    });

    it('when a property has both a type and a restriction and the type is wrong, then only the type failure is reported', () => {
      const details = rules({ properties: { s: { bsonType: 'string', minLength: 3 } } }, { s: 1 })[0].propertiesNotSatisfied[0].details;
      expect(details.map((d: Document) => d.operatorName)).to.deep.equal(['bsonType']);
    });

    it('when multipleOf is not met, then it fails', () => {
      const check = compileJsonSchema({ properties: { n: { multipleOf: 5 } } });
      expect(check({ n: 10 }).ok).to.equal(true);
      expect(check({ n: 12 }).ok).to.equal(false);
    });
  });

  describe('arrays', () => {
    it('when an array breaks minItems, then its length is reported', () => {
      const detail = rules({ properties: { a: { minItems: 2 } } }, { a: [1] })[0].propertiesNotSatisfied[0].details[0];
      expect(detail).to.deep.equal({ operatorName: 'minItems', specifiedAs: { minItems: 2 }, reason: 'array did not match specified length', consideredValue: [1], numberOfItems: 1 });
      expect(verdict({ properties: { a: { maxItems: 1 } } }, { a: [1, 2] }).ok).to.equal(false);
    });

    it('when items is one schema, then the first failing item is reported with its index', () => {
      const detail = rules({ properties: { a: { items: { bsonType: 'int' } } } }, { a: [1, 'x', 'y'] })[0].propertiesNotSatisfied[0].details[0];
      expect(detail).to.include({ operatorName: 'items', itemIndex: 1 });
      expect(detail.details[0]).to.include({ consideredValue: 'x' });
    });

    it('when items is a list, then each position has its schema and additionalItems governs the rest', () => {
      const schema = { properties: { a: { items: [{ bsonType: 'string' }, { bsonType: 'int' }], additionalItems: false } } };
      expect(verdict(schema, { a: ['x', 1] }).ok).to.equal(true);
      expect(verdict(schema, { a: ['x'] }).ok).to.equal(true);
      expect(verdict(schema, { a: [1, 1] }).ok).to.equal(false);
      const detail = rules(schema, { a: ['x', 1, true, null] })[0].propertiesNotSatisfied[0].details[0];
      expect(detail).to.deep.equal({ operatorName: 'additionalItems', specifiedAs: { additionalItems: false }, reason: 'found additional items', additionalItems: [true, null] });
      const typed = compileJsonSchema({ properties: { a: { items: [{}], additionalItems: { bsonType: 'int' } } } });
      expect(typed({ a: ['any', 2, 3] }).ok).to.equal(true);
      expect(typed({ a: ['any', 2, 'no'] }).ok).to.equal(false);
    });

    it('when uniqueItems is true, then equal items (numbers across types, objects in any field order) are duplicates', () => {
      const check = compileJsonSchema({ properties: { a: { uniqueItems: true } } });
      expect(check({ a: [1, 2, 3] }).ok).to.equal(true);
      expect(check({ a: [1, Long.fromNumber(1)] }).ok).to.equal(false);
      const [rule] = rules({ properties: { a: { uniqueItems: true } } }, { a: [{ x: 1, y: 2 }, { y: 2, x: 1 }] });
      expect(rule.propertiesNotSatisfied[0].details[0]).to.deep.include({ reason: 'found a duplicate item', duplicatedValue: { y: 2, x: 1 } });
    });
  });

  describe('enum and logic', () => {
    it('when a value is not in enum, then the rule and value are reported', () => {
      const detail = rules({ properties: { kind: { enum: ['ministry', 'agency'] } } }, { kind: 'club' })[0].propertiesNotSatisfied[0].details[0];
      expect(detail).to.deep.equal({ operatorName: 'enum', specifiedAs: { enum: ['ministry', 'agency'] }, reason: 'value was not found in enum', consideredValue: 'club' });
      expect(verdict({ properties: { n: { enum: [1, 2] } } }, { n: 2.0 }).ok).to.equal(true);
    });

    it('when anyOf has no matching branch, then every branch failure is listed by index', () => {
      const [rule] = rules({ anyOf: [{ required: ['a'] }, { required: ['b'] }] }, { c: 1 });
      expect(rule.operatorName).to.equal('anyOf');
      expect(rule.schemasNotSatisfied.map((s: Document) => s.index)).to.deep.equal([0, 1]);
      expect(verdict({ anyOf: [{ required: ['a'] }, { required: ['b'] }] }, { b: 1 }).ok).to.equal(true);
    });

    it('when allOf has a failing branch, then only that branch is listed', () => {
      const [rule] = rules({ allOf: [{ required: ['a'] }, { required: ['b'] }] }, { a: 1 });
      expect(rule).to.deep.equal({
        operatorName: 'allOf',
        schemasNotSatisfied: [{ index: 1, details: [{ operatorName: 'required', specifiedAs: { required: ['b'] }, missingProperties: ['b'] }] }],
      });
    });

    it('when oneOf matches more than one branch, then the matching indexes are reported', () => {
      const schema = { oneOf: [{ required: ['a'] }, { required: ['b'] }] };
      expect(verdict(schema, { a: 1 }).ok).to.equal(true);
      expect(rules(schema, { a: 1, b: 1 })).to.deep.equal([
        { operatorName: 'oneOf', reason: 'more than one subschema matched', matchingSchemaIndexes: [0, 1] },
      ]);
      expect(rules(schema, {})[0].schemasNotSatisfied).to.have.length(2);
    });

    it('when the not schema matches, then the document fails', () => {
      expect(rules({ not: { required: ['secret'] } }, { secret: 1 })).to.deep.equal([{ operatorName: 'not', reason: 'child expression matched' }]);
      expect(verdict({ not: { required: ['secret'] } }, {}).ok).to.equal(true);
    });
  });

  describe('refused schemas', () => {
    const refused: Array<[string, Document, number, RegExp]> = [
      ['$ref', { properties: { a: { $ref: '#/x' } } }, 9, /keyword '\$ref' is not currently supported/],
      ['format', { properties: { a: { format: 'email' } } }, 9, /'format' is not currently supported/],
      ['default', { default: {} }, 9, /'default' is not currently supported/],
      ['definitions', { definitions: {} }, 9, /'definitions' is not currently supported/],
      ['an unknown keyword', { foo: 1 }, 9, /^Unknown \$jsonSchema keyword: foo$/],
      ['type integer', { properties: { n: { type: 'integer' } } }, 9, /type 'integer' is not currently supported/],
      ['an unknown bsonType', { properties: { n: { bsonType: 'int32' } } }, 2, /Unknown type name alias: int32/],
      ['bsonType integer', { properties: { n: { bsonType: 'integer' } } }, 9, /type 'integer' is not currently supported/],
      ['a BSON alias under type', { properties: { n: { type: 'int' } } }, 2, /Unknown type name alias: int/],
      ['type with bsonType', { type: 'object', bsonType: 'object' }, 9, /Cannot specify both/],
      ['a non-array required', { required: 'a' }, 14, /'required' must be an array/],
      ['an empty required', { required: [] }, 9, /cannot be an empty array/],
      ['an empty enum', { enum: [] }, 9, /'enum' cannot be an empty array/],
      ['a string minimum', { properties: { n: { minimum: '1' } } }, 14, /'minimum' must be a number/],
      ['exclusiveMinimum alone', { properties: { n: { exclusiveMinimum: true } } }, 9, /'minimum' must be a present/],
      ['a negative minLength', { properties: { s: { minLength: -1 } } }, 2, /positive/],
      ['an empty anyOf', { anyOf: [] }, 2, /non-empty array/],
      ['a non-object property schema', { properties: { a: 'string' } }, 14, /Nested schema for \$jsonSchema property 'a'/],
      ['additionalProperties as a string', { additionalProperties: 'no' }, 14, /object or a boolean/],
    ];
    for (const [what, schema, code, message] of refused) {
      it(`when the schema has ${what}, then it is refused with code ${code}`, () => {
        const err = refusal(schema);
        expect(err.code).to.equal(code);
        expect(err.message).to.match(message);
        expect(err.codeName).to.equal({ 2: 'BadValue', 9: 'FailedToParse', 14: 'TypeMismatch' }[code]);
      });
    }

    it('when title and description are present, then they are accepted and do not constrain', () => {
      expect(verdict({ title: 't', description: 'd', properties: { a: { title: 'x', description: 'y' } } }, { a: 1 }).ok).to.equal(true);
    });
  });
});
