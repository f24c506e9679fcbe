import type { RequestHandler } from 'express';
import type { JsonSchema } from '../schemas/files.js';
import { schemaRegistry, type SchemaRegistry } from '../schemas/registry.js';
import type { Variant } from '../schemas/variants.js';
import { badRequest, type FieldError } from './errors.js';

export interface ValidateSpec {
  /** The body must match this variant of `schemas/<kind>.json`. */
  body?: [kind: string, variant: Variant];
  /** An Ajv schema for the query string; values are coerced from strings to the declared types. */
  query?: JsonSchema;
}

/** Metadata left on the middleware so the OpenAPI document can describe the route it guards. */
export interface ValidateMiddleware extends RequestHandler {
  validateSpec: ValidateSpec;
}

const INJECTION_MESSAGE = 'field names may not start with "$" or contain "."';

/**
 * Validates body and query against the schemas; every failing field is named in one 400.
 * Keys that MongoDB would read as operators or paths are refused anywhere, even where a schema allows free-form data.
 */
export function validate(spec: ValidateSpec, schemas: SchemaRegistry = schemaRegistry()): ValidateMiddleware {
  const checkQuery = spec.query ? schemas.compile(spec.query, { coerce: true }) : undefined;
  const middleware: RequestHandler = (req, _res, next) => {
    const errors: FieldError[] = [...unsafeKeys(req.query, '/query')];
    if (spec.body) errors.push(...unsafeKeys(req.body, ''));
    if (errors.length > 0) throw badRequest('The request uses field names that are not allowed.', errors);

    if (checkQuery) {
      // Express 5 exposes req.query through a getter; validate a copy and put the coerced copy back.
      const query = { ...(req.query as Record<string, unknown>) };
      errors.push(...checkQuery(query).map((e) => ({ pointer: `/query${e.pointer === '/' ? '' : e.pointer}`, message: e.message })));
      Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
    }
    if (spec.body) {
      const [kind, variant] = spec.body;
      if (req.body === undefined) errors.push({ pointer: '/', message: 'a JSON body is required' });
      else errors.push(...schemas.check(kind, variant, req.body));
    }
    if (errors.length > 0) throw badRequest('The request is not valid; see errors.', errors);
    next();
  };
  return Object.assign(middleware, { validateSpec: spec });
}

/**
 * Mounted once in front of every /api route, so a route without a query schema (GET /:id, /me, a verb such as
 * submit) cannot pass an operator-like key on to code that might build a filter from it.
 */
export const refuseUnsafeQueryKeys: RequestHandler = (req, _res, next) => {
  const errors = unsafeKeys(req.query, '/query');
  if (errors.length > 0) throw badRequest('The request uses field names that are not allowed.', errors);
  next();
};

export function unsafeKeys(value: unknown, pointer: string): FieldError[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeKeys(item, `${pointer}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  const found: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.startsWith('$') || key.includes('.')) found.push({ pointer: childPointer, message: INJECTION_MESSAGE });
    found.push(...unsafeKeys(child, childPointer));
  }
  return found;
}
