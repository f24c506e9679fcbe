import express, { type RequestHandler } from 'express';
import { unsupportedMediaType } from './errors.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** API bodies are JSON only: anything else that carries a body is refused with 415 before it is read. */
export function jsonBody(limit: string): RequestHandler[] {
  const refuseOtherTypes: RequestHandler = (req, _res, next) => {
    const empty = req.get('transfer-encoding') === undefined && Number(req.get('content-length') ?? 0) === 0;
    if (!empty && req.is(JSON_TYPES) === false) throw unsupportedMediaType(`Send the body as application/json, not ${req.get('content-type') ?? 'untyped'}.`);
    next();
  };
  return [refuseOtherTypes, express.json({ limit, type: JSON_TYPES, strict: true })];
}
