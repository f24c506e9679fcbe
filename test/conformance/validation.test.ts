import type { Db, Document } from 'mongodb';
import { type AnyDoc, conformance, type Outcome } from './harness.js';

const code = (o: Outcome) => (o as { error: Document }).error.code;
const withSchema = (schema: Document, extra: Document = {}) => (db: Db) => db.createCollection('c', { validator: { $jsonSchema: schema }, ...extra });

conformance('$jsonSchema validators', [
  {
    name: 'when a document misses a required field, then insert fails with 121 and errInfo details',
    setup: withSchema({ required: ['name', 'code'], properties: { name: { bsonType: 'string' } } }),
    action: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1, name: 5 }),
    error: {
      code: 121,
      message: 'Document failed validation',
      errInfo: {
        failingDocumentId: 1,
        details: {
          operatorName: '$jsonSchema',
          schemaRulesNotSatisfied: [
            { operatorName: 'properties', propertiesNotSatisfied: [{ propertyName: 'name', details: [{ operatorName: 'bsonType', specifiedAs: { bsonType: 'string' }, reason: 'type did not match', consideredValue: 5, consideredType: 'int' }] }] },
            { operatorName: 'required', specifiedAs: { required: ['name', 'code'] }, missingProperties: ['code'] },
          ],
        },
      },
    },
  },
  {
    name: 'when additionalProperties is false and a field is extra, then errInfo lists it',
    setup: withSchema({ properties: { _id: {}, name: {} }, additionalProperties: false }),
    action: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1, name: 'a', extra: true }),
    error: { code: 121, errInfo: { failingDocumentId: 1, details: { operatorName: '$jsonSchema', schemaRulesNotSatisfied: [{ operatorName: 'additionalProperties', specifiedAs: { additionalProperties: false }, additionalProperties: ['extra'] }] } } },
  },
  {
    name: 'when an update makes a document invalid, then it fails with 121 and the document is unchanged',
    setup: async (db) => { await withSchema({ properties: { n: { bsonType: 'int', minimum: 0 } } })(db); await db.collection<AnyDoc>('c').insertOne({ _id: 1, n: 1 }); },
    action: async (db) => {
      let failed = null;
      try { await db.collection<AnyDoc>('c').updateOne({ _id: 1 }, { $set: { n: -5 } }); } catch (err) { failed = (err as { code: number }).code; }
      return { failed, doc: await db.collection<AnyDoc>('c').findOne({ _id: 1 }) };
    },
    result: { failed: 121, doc: { _id: 1, n: 1 } },
  },
  {
    name: 'when validationAction is warn, then the invalid document is accepted',
    setup: withSchema({ required: ['name'] }, { validationAction: 'warn' }),
    action: async (db) => { await db.collection<AnyDoc>('c').insertOne({ _id: 1 }); return db.collection<AnyDoc>('c').countDocuments(); },
    result: 1,
  },
  {
    name: 'when bypassDocumentValidation is set, then the invalid document is accepted',
    setup: withSchema({ required: ['name'] }),
    action: async (db) => { await db.collection<AnyDoc>('c').insertOne({ _id: 1 }, { bypassDocumentValidation: true }); return db.collection<AnyDoc>('c').countDocuments(); },
    result: 1,
  },
  {
    name: 'when a validator uses an unsupported keyword, then create fails with FailedToParse (9)',
    action: (db) => db.createCollection('c', { validator: { $jsonSchema: { properties: { a: { format: 'email' } } } } }),
    error: { code: 9, message: /\$jsonSchema keyword 'format' is not currently supported/ },
    same: code,
  },
  {
    name: "when a validator uses type 'integer', then create is refused",
    action: (db) => db.createCollection('c', { validator: { $jsonSchema: { properties: { a: { type: 'integer' } } } } }),
    error: { code: 9, message: /type 'integer' is not currently supported/ },
    same: code,
  },
  {
    name: 'when a validator mixes query operators with $jsonSchema, then both must hold',
    setup: (db) => db.createCollection('c', { validator: { $and: [{ $jsonSchema: { required: ['a'] } }, { a: { $gt: 5 } }] } }),
    action: async (db) => {
      const codes = [];
      for (const doc of [{ a: 10 }, { a: 1 }, { b: 1 }]) {
        try { await db.collection<AnyDoc>('c').insertOne(doc); codes.push(0); } catch (err) { codes.push((err as { code: number }).code); }
      }
      return codes;
    },
    result: [0, 121, 121],
  },
]);
