import { Router } from 'express';
import type { SchemaRegistry } from '../schemas/registry.js';
import { collectOperations, openApiDocument, type MountedRouter, type Operation } from './openapi.js';

/** `/api/openapi.json` and its browsable page, built once from the mounted routes and the schemas. */
export function docsRouter(mounted: () => MountedRouter[], schemas: SchemaRegistry): Router {
  let cache: { operations: Operation[]; document: unknown } | undefined;
  const build = () => {
    if (cache === undefined) {
      const operations = collectOperations(mounted());
      cache = { operations, document: openApiDocument(operations, schemas) };
    }
    return cache;
  };
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(build().document);
  });
  router.get('/docs', (_req, res) => {
    const { operations } = build();
    res.render('docs', {
      title: 'API',
      operations: operations.map((op) => ({
        ...op,
        method: op.method.toUpperCase(),
        roles: op.roles === undefined ? 'anyone' : op.roles.length === 0 ? 'any signed-in account' : op.roles.join(', '),
        bodySchema: op.body ? schemas.schema(...op.body) : undefined,
      })),
      kinds: schemas.kinds,
    });
  });
  return router;
}
