import { expect } from 'chai';
import type { JsonSchema } from '../../src/schemas/files.js';
import { toMongoJsonSchema } from '../../src/schemas/mongo.js';

const common: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://registry.local/schemas/common.json',
  $defs: {
    code: { title: 'Code', type: 'string', pattern: '^[a-z]{2}[0-9]{3}$', 'x-note': 'kept out' },
    when: { type: 'string', format: 'date-time' },
    money: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: { type: 'integer', minimum: 0 } } },
  },
};

function files(root: JsonSchema): Map<string, JsonSchema> {
  return new Map([['common', common], ['thing', { $id: 'https://registry.local/schemas/thing.json', ...root }]]);
}

describe('MongoDB $jsonSchema derivation', () => {
  it('when a property refers to another file, then the definition is inlined without its annotations', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', properties: { code: { $ref: 'common.json#/$defs/code', description: 'd' } } }));
    expect(mongo.properties).to.deep.equal({ _id: {}, code: { bsonType: 'string', pattern: '^[a-z]{2}[0-9]{3}$' } });
  });

  it('when types are integer or number, then they become the BSON numeric types', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', properties: { n: { type: 'integer' }, x: { type: ['number', 'null'] } } }));
    expect(mongo.properties).to.deep.include({ n: { bsonType: ['int', 'long'] }, x: { bsonType: ['int', 'long', 'double', 'decimal', 'null'] } });
  });

  it('when keywords MongoDB rejects are present, then they are dropped and const becomes enum', () => {
    const mongo = toMongoJsonSchema(
      'thing',
      files({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $defs: { local: { type: 'string' } },
        type: 'object',
        'x-private': true,
        properties: { at: { $ref: 'common.json#/$defs/when', readOnly: true }, kind: { const: 'thing', default: 'thing', examples: ['thing'] } },
      }),
    );
    expect(mongo).to.deep.equal({ bsonType: 'object', properties: { _id: {}, at: { bsonType: 'string' }, kind: { enum: ['thing'] } } });
  });

  it('when exclusiveMinimum is a number (draft 2020), then it becomes minimum with the draft-4 flag', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', properties: { n: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 } } }));
    expect((mongo.properties as JsonSchema).n).to.deep.equal({ bsonType: ['int', 'long'], minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true });
  });

  it('when the API names the key id, then the validator admits _id of any type instead, also when id is required', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } }));
    expect(mongo).to.deep.equal({ bsonType: 'object', additionalProperties: false, required: ['_id', 'name'], properties: { _id: {}, name: { bsonType: 'string' } } });
  });

  it('when a field is writeOnly (input only), then it is not allowed in the stored document', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', required: ['password'], properties: { password: { type: 'string', writeOnly: true } } }));
    expect(mongo).to.deep.equal({ bsonType: 'object', properties: { _id: {} } });
  });

  it('when nested objects and arrays refer to definitions, then the whole tree is converted', () => {
    const mongo = toMongoJsonSchema('thing', files({ type: 'object', properties: { costs: { type: 'array', items: { $ref: 'common.json#/$defs/money' } } } }));
    expect((mongo.properties as JsonSchema).costs).to.deep.equal({
      bsonType: 'array',
      items: { bsonType: 'object', additionalProperties: false, required: ['amount'], properties: { amount: { bsonType: ['int', 'long'], minimum: 0 } } },
    });
  });

  it('when a $ref points nowhere, then derivation fails naming the ref', () => {
    expect(() => toMongoJsonSchema('thing', files({ type: 'object', properties: { a: { $ref: 'common.json#/$defs/missing' } } }))).to.throw('common.json#/$defs/missing');
  });

  it('when a definition refers to itself, then derivation fails instead of looping', () => {
    const schemas = new Map<string, JsonSchema>([
      ['thing', { $id: 'https://registry.local/schemas/thing.json', $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' }],
    ]);
    expect(() => toMongoJsonSchema('thing', schemas)).to.throw(/Recursive \$ref/);
  });
});
