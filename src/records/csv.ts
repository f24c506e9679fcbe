import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import type { CsvColumn } from './kind.js';

/** A cell: scalars as they are, lists joined with "; ", objects as JSON (rare: the columns pick the scalars). */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).filter((part) => part !== '').join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Streams records as CSV: one row at a time from the database cursor through csv-stringify to the socket,
 * with backpressure all the way, so memory stays flat whatever the size of the register.
 */
export async function streamCsv<T>(
  res: Response,
  source: AsyncIterable<T>,
  columns: CsvColumn[],
  present: (record: T) => Record<string, unknown>,
  filename: string,
): Promise<void> {
  res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${filename}"`);
  const toRow = new Transform({
    objectMode: true,
    transform(record, _encoding, callback) {
      const shown = present(record as T);
      callback(null, columns.map((column) => cell(column.value(shown))));
    },
  });
  await pipeline(source, toRow, stringify({ header: true, columns: columns.map((column) => column.header) }), res);
}
