import { expect } from 'chai';
import type { JsonSchema } from '../../src/schemas/files.js';
import { createSchemaRegistry } from '../../src/schemas/registry.js';
import { readSchemaFiles } from '../../src/schemas/files.js';

const thing: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://registry.local/schemas/thing.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'place'],
  properties: {
    id: { type: 'string', readOnly: true },
    name: { type: 'string', minLength: 1, 'x-private': true },
    place: { $ref: 'common.json#/$defs/place' },
    registeredAt: { type: 'string', format: 'date-time', readOnly: true },
  },
};
const common: JsonSchema = {
  $id: 'https://registry.local/schemas/common.json',
  $defs: {
    place: {
      type: 'object',
      additionalProperties: false,
      required: ['city'],
      properties: { city: { type: 'string' }, checkedAt: { type: 'string', readOnly: true } },
    },
  },
};
const registry = createSchemaRegistry(new Map([['common', common], ['thing', thing]]));

describe('schema variants for API input', () => {
  it('when a create body carries a server-owned field, then the error names it and says the server sets it', () => {
    const issues = registry.check('thing', 'create', { id: 'x', name: 'a', place: { city: 'Arica' }, registeredAt: '2024-01-01T00:00:00Z' });
    expect(issues).to.deep.equal([
      { pointer: '/id', message: 'is set by the server' },
      { pointer: '/registeredAt', message: 'is set by the server' },
    ]);
  });

  it('when a nested definition in another file has a server-owned field, then create refuses it there too', () => {
    expect(registry.check('thing', 'create', { name: 'a', place: { city: 'Arica', checkedAt: 'x' } })).to.deep.equal([
      { pointer: '/place/checkedAt', message: 'is set by the server' },
    ]);
  });

  it('when a create body misses required fields and adds unknown ones, then every field is named', () => {
    expect(registry.check('thing', 'create', { colour: 'red' })).to.have.deep.members([
      { pointer: '/colour', message: 'is not an allowed field' },
      { pointer: '/name', message: 'is required' },
      { pointer: '/place', message: 'is required' },
    ]);
  });

  it('when a patch body has only some fields, then it is valid, but a nested value must still be whole', () => {
    expect(registry.check('thing', 'patch', { name: 'b' })).to.deep.equal([]);
    expect(registry.check('thing', 'patch', { place: {} })).to.deep.equal([{ pointer: '/place/city', message: 'is required' }]);
  });

  it('when a patch body is empty, then it is refused', () => {
    expect(registry.check('thing', 'patch', {})).to.have.length(1);
  });

  it('when the full document has server fields, then the full variant accepts it', () => {
    expect(registry.check('thing', 'full', { id: 'x', name: 'a', place: { city: 'Arica' }, registeredAt: '2024-01-01T00:00:00Z' })).to.deep.equal([]);
  });

  it('when a format is wrong, then the format is enforced', () => {
    expect(registry.check('thing', 'full', { id: 'x', name: 'a', place: { city: 'Arica' }, registeredAt: 'yesterday' })).to.deep.equal([
      { pointer: '/registeredAt', message: 'must match format "date-time"' },
    ]);
  });

  it('when every file in schemas/ is loaded, then each kind compiles in all variants and derives a MongoDB validator', () => {
    const real = createSchemaRegistry(readSchemaFiles());
    expect(real.kinds).to.include.members(['user', 'audit-event', 'credential']);
    for (const kind of real.kinds) {
      for (const variant of ['full', 'create', 'patch'] as const) expect(real.schema(kind, variant)).to.be.an('object');
      expect(JSON.stringify(real.mongoValidator(kind))).not.to.match(/"\$ref"|"format"|"readOnly"|"\$defs"|"x-/);
    }
  });
});
