import type { Document } from 'bson';
import { BSON_TYPE_NAMES, bsonEquals, bsonTypeOf, NUMERIC_TYPES, type BsonTypeName } from './bson-values.js';
import { badValue, failedToParse, typeMismatch } from './errors.js';

/** Checks of keyword arguments, with the codes and messages mongod gives for each misuse. */

export function isNumber(value: unknown): boolean {
  return NUMERIC_TYPES.has(bsonTypeOf(value));
}

export function numberArgument(keyword: string, value: unknown): void {
  if (!isNumber(value)) throw typeMismatch(`$jsonSchema keyword '${keyword}' must be a number`);
}

export function lengthArgument(keyword: string, value: unknown): number {
  if (!isNumber(value)) throw badValue(`Expected a number in: ${keyword}: ${String(value)}`);
  const n = Number(value);
  if (!Number.isInteger(n)) throw badValue(`Expected an integer: ${keyword}: ${String(value)}`);
  if (n < 0) throw badValue(`Expected a positive number in: ${keyword}: ${String(value)}`);
  return n;
}

export function objectArgument(keyword: string, value: unknown): Document {
  if (bsonTypeOf(value) !== 'object') throw typeMismatch(`$jsonSchema keyword '${keyword}' must be an object`);
  return value as Document;
}

export function booleanArgument(keyword: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw typeMismatch(`$jsonSchema keyword '${keyword}' must be a boolean`);
  return value;
}

export function stringArgument(keyword: string, value: unknown): string {
  if (typeof value !== 'string') throw typeMismatch(`$jsonSchema keyword '${keyword}' must be a string`);
  return value;
}

export function schemaList(keyword: string, value: unknown): Document[] {
  if (!Array.isArray(value)) throw typeMismatch(`$jsonSchema keyword '${keyword}' must be an array`);
  if (value.length === 0) throw badValue(`$jsonSchema keyword '${keyword}' must be a non-empty array`);
  for (const item of value) {
    if (bsonTypeOf(item) !== 'object') {
      throw typeMismatch(
        `$jsonSchema keyword '${keyword}' must be an array of objects, but found an element of type ${bsonTypeOf(item)}`,
      );
    }
  }
  return value as Document[];
}

export function enumArgument(value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw typeMismatch(`$jsonSchema keyword 'enum' must be an array, but found an element of type ${bsonTypeOf(value)}`);
  }
  if (value.length === 0) throw failedToParse("$jsonSchema keyword 'enum' cannot be an empty array");
  value.forEach((v, i) => {
    if (value.slice(0, i).some((w) => bsonEquals(v, w))) {
      throw failedToParse("$jsonSchema keyword 'enum' array cannot contain duplicate values.");
    }
  });
  return value;
}

/** `required` and each property list of `dependencies`: non-empty, strings, no duplicates. */
export function nameList(value: unknown, what: { keyword: string; owner?: string }): string[] {
  const label = what.owner
    ? `array '${what.owner}' in $jsonSchema keyword '${what.keyword}'`
    : `$jsonSchema keyword '${what.keyword}'`;
  if (!Array.isArray(value)) {
    throw typeMismatch(`${label} must be an array, but found an element of type ${bsonTypeOf(value)}`);
  }
  for (const name of value) {
    if (typeof name !== 'string') {
      throw typeMismatch(`${label} must be an array of strings, but found an element of type: ${bsonTypeOf(name)}`);
    }
  }
  if (value.length === 0) throw failedToParse(`${label} cannot be an empty array`);
  if (new Set(value).size !== value.length) throw failedToParse(`${label} array cannot contain duplicate values`);
  return value as string[];
}

export interface TypeSet {
  allNumbers: boolean;
  types: Set<BsonTypeName>;
}

const JSON_TYPE_ALIASES: Record<string, BsonTypeName> = {
  object: 'object', array: 'array', boolean: 'bool', string: 'string', null: 'null',
};

/** Parses `type` (JSON Schema names) or `bsonType` (BSON aliases), single or array. */
export function typeArgument(keyword: 'type' | 'bsonType', value: unknown): TypeSet {
  if (typeof value !== 'string' && !Array.isArray(value)) {
    throw typeMismatch(`$jsonSchema keyword '${keyword}' must be either a string or an array of strings`);
  }
  const names: string[] = [];
  for (const name of typeof value === 'string' ? [value] : value) {
    if (typeof name !== 'string') throw typeMismatch(`$jsonSchema keyword '${keyword}' array elements must be strings`);
    if (name === 'integer') throw failedToParse("$jsonSchema type 'integer' is not currently supported.");
    if (names.includes(name)) throw failedToParse(`$jsonSchema keyword '${keyword}' has duplicate value: ${name}`);
    names.push(name);
  }
  if (names.length === 0) throw failedToParse(`$jsonSchema keyword '${keyword}' must name at least one type`);
  const set: TypeSet = { allNumbers: false, types: new Set() };
  for (const name of names) {
    if (name === 'number') set.allNumbers = true;
    else if (keyword === 'type' && name in JSON_TYPE_ALIASES) set.types.add(JSON_TYPE_ALIASES[name]);
    else if (keyword === 'bsonType' && BSON_TYPE_NAMES.has(name)) set.types.add(name as BsonTypeName);
    else throw badValue(`Unknown type name alias: ${name}`);
  }
  return set;
}

export function typeSetHas(set: TypeSet, type: BsonTypeName): boolean {
  return set.types.has(type) || (set.allNumbers && NUMERIC_TYPES.has(type));
}

export function compilePattern(keyword: string, source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    // PCRE accepts escapes that JavaScript's unicode mode refuses; fall back to the lenient mode.
    try {
      return new RegExp(source);
    } catch (err) {
      throw badValue(`Regular expression is invalid in $jsonSchema keyword '${keyword}': ${(err as Error).message}`);
    }
  }
}
