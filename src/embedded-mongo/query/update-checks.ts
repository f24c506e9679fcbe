// The refusals MongoDB gives for an operator update that mingo's updater would carry out quietly, or quietly
// skip: array filters that do not fit the update, paths that cannot be made, array operators on fields that
// hold something else. Each is checked before a document changes, so a refused statement writes nothing.
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { bsonTypeOf, isPlainObject } from '../json-schema/bson-values.js';
import { formatValue } from '../storage/index-store.js';
import { valueAtPath } from '../storage/paths.js';

/** `$[id]` markers in a path, `$[]` included (an empty identifier). */
const MARKER = /\$\[([^\]]*)\]/g;
const IDENTIFIER = /^[a-z][a-zA-Z0-9]*$/;
/** Operators that make the fields they name when missing; the others leave a missing path alone. */
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);

/**
 * Parse-time checks, as mongod makes them whether or not a document matches: each array filter names one
 * identifier, no identifier twice; every path is non-empty; `$rename` names fixed paths; every `$[id]` has its
 * filter and every filter is used.
 */
export function checkUpdatePaths(update: Document, arrayFilters: Document[] | undefined): void {
  const identifiers = new Set<string>();
  for (const filter of arrayFilters ?? []) {
    let identifier: string | undefined;
    for (const key of Object.keys(filter)) {
      const name = key.split('.')[0];
      if (identifier !== undefined && identifier !== name) {
        throw new CommandError('FailedToParse', `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${identifier}' and '${name}'`);
      }
      identifier = name;
    }
    if (identifier === undefined) continue;
    if (!IDENTIFIER.test(identifier)) {
      throw new CommandError('BadValue', `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${identifier}'`);
    }
    if (identifiers.has(identifier)) throw new CommandError('FailedToParse', `Found multiple array filters with the same top-level field name ${identifier}`);
    identifiers.add(identifier);
  }
  const used = new Set<string>();
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Document)) {
      checkPath(path);
      if (op === '$rename') {
        if (path.includes('$')) throw new CommandError('BadValue', `The source field for $rename may not be dynamic: ${path}`);
        if (typeof value === 'string' && value.includes('$')) throw new CommandError('BadValue', `The destination field for $rename may not be dynamic: ${value}`);
      }
      for (const [marker, identifier] of path.matchAll(MARKER)) {
        if (path.startsWith(marker)) {
          throw new CommandError('BadValue', `Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '${path}'`);
        }
        if (identifier === '') continue;
        if (!identifiers.has(identifier)) throw new CommandError('BadValue', `No array filter found for identifier '${identifier}' in path '${path}'`);
        used.add(identifier);
      }
    }
  }
  for (const identifier of identifiers) {
    if (!used.has(identifier)) {
      throw new CommandError('FailedToParse', `The array filter for identifier '${identifier}' was not used in the update ${formatValue(update)}`);
    }
  }
}

function checkPath(path: string): void {
  if (path === '') throw new CommandError('EmptyFieldName', 'An empty update path is not valid.');
  if (path.split('.').includes('')) throw new CommandError('EmptyFieldName', `The update path '${path}' contains an empty field name, which is not allowed.`);
}

/** A document or an array: what a path can go on through. */
const isContainer = (value: unknown): value is Document => Array.isArray(value) || isPlainObject(value);

/**
 * Apply-time checks on the document an operator update is about to change: a path that must run through a value that
 * holds no fields (28 PathNotViable), array filters over a missing field or one that is not an array, and the array
 * operators on a field that is not an array. Paths past a positional `$` are left to the updater.
 */
export function checkUpdateTargets(doc: Document, update: Document): void {
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, operand] of Object.entries(fields as Document)) {
      checkTarget(doc, op, path);
      // A rename moves a field that is there; one that is not leaves the destination alone.
      if (op === '$rename' && typeof operand === 'string' && valueAtPath(doc, path) !== undefined) checkTarget(doc, '$set', operand);
    }
  }
}

function checkTarget(doc: Document, op: string, path: string): void {
  const parts = path.split('.');
  let value: unknown = doc;
  let field = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '$') return;
    if (part.startsWith('$[')) {
      const prefix = parts.slice(0, i).join('.');
      if (value === undefined) throw new CommandError('BadValue', `The path '${prefix}' must exist in the document in order to apply array updates.`);
      if (!Array.isArray(value)) throw new CommandError('BadValue', `Cannot apply array updates to non-array element ${field}: ${formatValue(value)}`);
      return;
    }
    if (value === undefined) return;
    const isIndex = Array.isArray(value) && /^\d+$/.test(part);
    if (!isContainer(value) || (Array.isArray(value) && !isIndex)) {
      if (CREATING.has(op)) throw new CommandError('PathNotViable', `Cannot create field '${part}' in element {${field}: ${formatValue(value)}}`);
      return;
    }
    field = part;
    value = (value as Document)[part];
  }
  if (value === undefined || Array.isArray(value)) return;
  switch (op) {
    case '$push':
      throw new CommandError('BadValue', `The field '${path}' must be an array but is of type ${bsonTypeOf(value)} in document {_id: ${formatValue(doc._id)}}`);
    case '$addToSet':
      throw new CommandError('BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${bsonTypeOf(value)}`);
    case '$pull':
    case '$pullAll':
      throw new CommandError('BadValue', 'Cannot apply $pull to a non-array value');
    case '$pop':
      throw new CommandError('TypeMismatch', `Path '${path}' contains an element of non-array type '${bsonTypeOf(value)}'`);
  }
}
