import type { Router } from 'express';
import { isPlainObject, resolveRef, SCHEMA_BASE, type JsonSchema } from '../schemas/files.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import type { Variant } from '../schemas/variants.js';
import type { ListShape, RouteDescription } from './describe.js';
import type { ValidateSpec } from './validate.js';

export interface MountedRouter {
  mountPath: string;
  router: Router;
}

export interface Operation {
  method: string;
  path: string;
  summary?: string;
  tags: string[];
  /** Undefined: anyone may call, no token looked at; [] any signed-in account; otherwise these roles. */
  roles?: string[];
  /** Anyone may call, but a token changes the answer. */
  optionalAuth?: boolean;
  body?: [string, Variant];
  query?: JsonSchema;
  response?: string;
  list?: ListShape;
  status: number;
}

const VARIANTS: Variant[] = ['full', 'create', 'patch'];

/** Component name for a schema variant, or one of its definitions: "meeting", "meeting.create", "common.isoDate". */
export function componentName(kind: string, variant: Variant, def?: string): string {
  return [kind, variant === 'full' ? undefined : variant, def].filter((part) => part !== undefined).join('.');
}

function bodyComponentRef(kind: string, variant: Variant): string {
  const [file, fragment] = kind.split('#');
  const def = fragment?.replace(/^\/\$defs\//, '');
  return `#/components/schemas/${componentName(file, variant, def)}`;
}

/** Routes as Express holds them: the document describes what is really mounted, not a list kept by hand. */
export function collectOperations(mounted: MountedRouter[]): Operation[] {
  const operations: Operation[] = [];
  const walk = (router: Router, prefix: string, inheritedRoles: string[] | undefined) => {
    let roles = inheritedRoles;
    for (const layer of (router as unknown as { stack: Layer[] }).stack) {
      if (layer.route) {
        const handles = layer.route.stack.map((inner) => inner.handle as Marked);
        const description = handles.find((h) => h.description)?.description;
        const spec = handles.find((h) => h.validateSpec)?.validateSpec;
        const routeRoles = description?.roles ?? handles.find((h) => h.roles)?.roles ?? roles;
        const authenticated = description?.auth === 'required' || handles.some((h) => h.authenticated) || routeRoles !== undefined;
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          operations.push({
            method,
            path: joinPath(prefix, String(layer.route.path)),
            summary: description?.summary,
            tags: description?.tags ?? [],
            roles: routeRoles ?? (authenticated ? [] : undefined),
            optionalAuth: !authenticated && description?.auth === 'optional' ? true : undefined,
            body: spec?.body,
            query: spec?.query,
            response: description?.response,
            list: description?.list,
            status: description?.status ?? 200,
          });
        }
      } else if (isRouter(layer.handle)) {
        walk(layer.handle, joinPath(prefix, typeof layer.rawPath === 'string' ? layer.rawPath : '/'), roles);
      } else if ((layer.handle as Marked).roles) {
        roles = (layer.handle as Marked).roles;
      }
    }
  };
  for (const { mountPath, router } of mounted) walk(router, mountPath, undefined);
  return operations;
}

export function openApiDocument(operations: Operation[], schemas: SchemaRegistry): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const openApiPath = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    for (const [name, schema] of Object.entries(isPlainObject(op.query?.properties) ? op.query.properties : {})) {
      parameters.push({ name, in: 'query', required: false, schema: rewriteRefs(schema, `${SCHEMA_BASE}query`) as never });
    }
    const operation: Record<string, unknown> = {
      summary: op.summary,
      tags: op.tags.length > 0 ? op.tags : undefined,
      parameters: parameters.length > 0 ? parameters : undefined,
      // An empty requirement object is OpenAPI's way of saying "or no credentials at all".
      security: op.roles !== undefined ? [{ bearer: [] }] : op.optionalAuth ? [{}, { bearer: [] }] : undefined,
      'x-roles': op.roles !== undefined && op.roles.length > 0 ? op.roles : undefined,
      requestBody: op.body
        ? { required: true, content: { 'application/json': { schema: { $ref: bodyComponentRef(...op.body) } } } }
        : undefined,
      responses: {
        [String(op.status)]: { description: 'Success', ...(op.response ? { content: { 'application/json': { schema: responseSchema(op.response, op.list) } } } : {}) },
        default: { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
    (paths[openApiPath] ??= {})[op.method] = JSON.parse(JSON.stringify(operation));
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Lobby and declarations registry API', version: '1' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { ...schemaComponents(schemas), ...BUILT_IN_COMPONENTS },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

function responseSchema(response: string, shape: ListShape = 'cursor'): JsonSchema {
  const list = response.endsWith('[]');
  const name = list ? response.slice(0, -2) : response;
  const ref = { $ref: `#/components/schemas/${name === 'token' ? 'Token' : name}` };
  if (!list) return ref;
  const items = { type: 'array', items: ref };
  if (shape === 'whole') return { type: 'object', required: ['items'], properties: { items } };
  if (shape === 'offset') {
    return {
      type: 'object',
      required: ['items', 'total', 'limit', 'offset'],
      properties: { items, total: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1 }, offset: { type: 'integer', minimum: 0 } },
    };
  }
  return {
    type: 'object',
    description: 'One page, newest first. Pass `next` back as `cursor` for the following page (also in the `Link: rel="next"` header); null on the last page.',
    required: ['items', 'next', 'limit'],
    properties: { items, next: { type: ['string', 'null'] }, limit: { type: 'integer', minimum: 1 } },
  };
}

function schemaComponents(schemas: SchemaRegistry): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  for (const kind of schemas.kinds) {
    for (const variant of VARIANTS) {
      const schema = schemas.schema(kind, variant);
      const { $id, $schema: _schema, $defs, ...root } = schema;
      const baseId = String($id);
      if (isPlainObject(root.properties) || root.type !== undefined) components[componentName(kind, variant)] = rewriteRefs(root, baseId);
      for (const [def, defSchema] of Object.entries(isPlainObject($defs) ? $defs : {})) {
        components[componentName(kind, variant, def)] = rewriteRefs(defSchema, baseId);
      }
    }
  }
  return components;
}

function rewriteRefs(node: unknown, baseId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, baseId));
  if (!isPlainObject(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? componentRef(value, baseId) : rewriteRefs(value, baseId);
  }
  return out;
}

function componentRef(ref: string, baseId: string): string {
  const { documentId, pointer } = resolveRef(ref, baseId);
  const [variantOrFile, maybeFile] = documentId.slice(SCHEMA_BASE.length).split('/');
  const variant = (maybeFile === undefined ? 'full' : variantOrFile) as Variant;
  const kind = (maybeFile ?? variantOrFile).replace(/\.json$/, '');
  const match = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer);
  if (match) return `#/components/schemas/${componentName(kind, variant, match[1])}${match[2]}`;
  return `#/components/schemas/${componentName(kind, variant)}${pointer}`;
}

const BUILT_IN_COMPONENTS = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; errors names every failing field with a JSON Pointer into the body (query parameters under /query).',
    required: ['type', 'title', 'status', 'detail', 'errors'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: { type: 'array', items: { type: 'object', required: ['pointer', 'message'], properties: { pointer: { type: 'string' }, message: { type: 'string' } } } },
    },
  },
  Token: {
    type: 'object',
    required: ['token', 'expiresAt'],
    properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
  },
};

interface Layer {
  handle: unknown;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: unknown }[] };
}

interface Marked {
  description?: RouteDescription;
  validateSpec?: ValidateSpec;
  roles?: string[];
  authenticated?: boolean;
}

function isRouter(handle: unknown): handle is Router {
  return typeof handle === 'function' && Array.isArray((handle as { stack?: unknown }).stack);
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
