import type { Document } from 'bson';
import { bsonTypeOf, isPlainObject } from './bson-values.js';
import { compilePattern, lengthArgument, nameList, objectArgument } from './arguments.js';
import { annotations, present, type Check, type CompiledSchema, type SubCompiler } from './compiled.js';
import { typeMismatch } from './errors.js';

type Fields = Record<string, unknown>;

/** properties, patternProperties, additionalProperties, required, min/maxProperties, dependencies: objects only. */
export function objectKeywords(schema: Document, sub: SubCompiler): Check[] {
  const checks: Array<(doc: Fields) => Document[]> = [];
  const required = schema.required === undefined ? [] : nameList(schema.required, { keyword: 'required' });

  const declared = new Map<string, CompiledSchema>();
  if (schema.properties !== undefined) {
    for (const [name, nested] of Object.entries(objectArgument('properties', schema.properties))) {
      if (bsonTypeOf(nested) !== 'object') {
        throw typeMismatch(`Nested schema for $jsonSchema property '${name}' must be an object`);
      }
      declared.set(name, sub(nested as Document));
    }
    checks.push((doc) => {
      const failures: Document[] = [];
      for (const [name, nested] of declared) {
        if (!present(doc, name)) continue;
        const details = nested.check(doc[name]);
        if (details.length > 0) failures.push({ propertyName: name, ...pick(annotations(nested), 'description'), details });
      }
      return failures.length > 0 ? [{ operatorName: 'properties', propertiesNotSatisfied: failures }] : [];
    });
  }

  if (schema.patternProperties !== undefined || schema.additionalProperties !== undefined) {
    checks.push(allowedProperties(schema, new Set(declared.keys()), sub));
  }

  if (required.length > 0) {
    const sorted = [...required].sort();
    checks.push((doc) => {
      const missing = sorted.filter((name) => !present(doc, name));
      return missing.length > 0
        ? [{ operatorName: 'required', specifiedAs: { required: schema.required }, missingProperties: missing }]
        : [];
    });
  }

  for (const keyword of ['minProperties', 'maxProperties'] as const) {
    if (schema[keyword] === undefined) continue;
    const limit = lengthArgument(keyword, schema[keyword]);
    const fails = keyword === 'minProperties' ? (n: number) => n < limit : (n: number) => n > limit;
    checks.push((doc) => {
      const count = Object.keys(doc).filter((k) => doc[k] !== undefined).length;
      return fails(count)
        ? [{ operatorName: keyword, specifiedAs: { [keyword]: schema[keyword] }, reason: 'specified number of properties was not satisfied', numberOfProperties: count }]
        : [];
    });
  }

  if (schema.dependencies !== undefined) checks.push(dependencies(objectArgument('dependencies', schema.dependencies), sub));

  return checks.map((check) => (value: unknown) => (isPlainObject(value) ? check(value) : []));
}

function allowedProperties(schema: Document, declared: Set<string>, sub: SubCompiler): (doc: Fields) => Document[] {
  const patterns: Array<{ source: string; re: RegExp; schema: CompiledSchema }> = [];
  if (schema.patternProperties !== undefined) {
    for (const [source, nested] of Object.entries(objectArgument('patternProperties', schema.patternProperties))) {
      if (bsonTypeOf(nested) !== 'object') {
        throw typeMismatch(`$jsonSchema keyword 'patternProperties' has property '${source}' which is not an object`);
      }
      patterns.push({ source, re: compilePattern('patternProperties', source), schema: sub(nested as Document) });
    }
  }
  const extra = schema.additionalProperties as unknown;
  let otherwise: CompiledSchema | boolean = true;
  if (typeof extra === 'boolean') otherwise = extra;
  else if (bsonTypeOf(extra) === 'object') otherwise = sub(extra as Document);
  else if (extra !== undefined) throw typeMismatch("$jsonSchema keyword 'additionalProperties' must be an object or a boolean");

  return (doc) => {
    const out: Document[] = [];
    const patternFailures: Document[] = [];
    const additional: string[] = [];
    let failingAdditional: Document | null = null;
    for (const name of Object.keys(doc)) {
      if (doc[name] === undefined) continue;
      const matching = patterns.filter((p) => p.re.test(name));
      for (const p of matching) {
        const details = p.schema.check(doc[name]);
        if (details.length > 0) patternFailures.push({ propertyName: name, regexMatched: p.source, details });
      }
      if (declared.has(name) || matching.length > 0) continue;
      if (otherwise === false) additional.push(name);
      else if (otherwise !== true && failingAdditional === null) {
        const details = otherwise.check(doc[name]);
        if (details.length > 0) {
          failingAdditional = {
            operatorName: 'additionalProperties',
            ...annotations(otherwise),
            reason: 'at least one additional property did not match the subschema',
            failingProperty: name,
            details,
          };
        }
      }
    }
    if (patternFailures.length > 0) out.push({ operatorName: 'patternProperties', details: patternFailures });
    if (additional.length > 0) {
      out.push({ operatorName: 'additionalProperties', specifiedAs: { additionalProperties: false }, additionalProperties: additional });
    }
    if (failingAdditional) out.push(failingAdditional);
    return out;
  };
}

function dependencies(spec: Document, sub: SubCompiler): (doc: Fields) => Document[] {
  const rules = Object.entries(spec).map(([name, dependency]) => {
    if (Array.isArray(dependency)) {
      const needs = nameList(dependency, { keyword: 'dependencies', owner: name });
      return (doc: Fields): Document | null => {
        const missing = needs.filter((n) => !present(doc, n));
        return missing.length > 0 ? { conditionalProperty: name, missingProperties: missing } : null;
      };
    }
    if (bsonTypeOf(dependency) !== 'object') {
      throw typeMismatch(`property '${name}' in $jsonSchema keyword 'dependencies' must be either an object or an array`);
    }
    const nested = sub(dependency as Document);
    return (doc: Fields): Document | null => {
      const details = nested.check(doc);
      return details.length > 0 ? { conditionalProperty: name, details } : null;
    };
  });
  const names = Object.keys(spec);
  return (doc) => {
    const failing: Document[] = [];
    rules.forEach((rule, i) => {
      if (!present(doc, names[i])) return;
      const failure = rule(doc);
      if (failure) failing.push(failure);
    });
    return failing.length > 0 ? [{ operatorName: 'dependencies', failingDependencies: failing }] : [];
  };
}

function pick(doc: Document, key: string): Document {
  return doc[key] === undefined ? {} : { [key]: doc[key] };
}
