import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import Handlebars from 'handlebars';

export const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

/**
 * Handlebars as Express's view engine, with `views/partials/*.hbs` as partials. Templates are compiled once
 * per process in production and on every render otherwise, so edits show without a restart.
 */
export function useHandlebarsViews(app: Express, cache: boolean): void {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(VIEWS_DIR, 'partials');
  for (const file of readdirSync(partialsDir).filter((name) => name.endsWith('.hbs'))) {
    handlebars.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value, null, 2));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  app.engine('hbs', (file, options, callback) => {
    try {
      let template = cache ? compiled.get(file) : undefined;
      if (template === undefined) {
        template = handlebars.compile(readFileSync(file, 'utf8'), { strict: false });
        if (cache) compiled.set(file, template);
      }
      callback(null, template(options));
    } catch (error) {
      callback(error as Error);
    }
  });
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'hbs');
}
