import type { CsvColumn } from '../records/kind.js';

type Row = Record<string, unknown>;
const count = (field: string) => (row: Row) => (Array.isArray(row[field]) ? row[field].length : 0);
const declarant = (row: Row) => (row.declarant ?? {}) as { name?: { full?: string }; post?: string; startDate?: string; endDate?: string };

/**
 * One row per filing, from the already-presented (projected) record: who, what kind, when, and how many items
 * each section holds. The contents are in the JSON; a row of nested sections would not be readable.
 */
export const declarationColumns: CsvColumn[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'official', value: (r) => r.official },
  { header: 'institution', value: (r) => r.institution },
  { header: 'type', value: (r) => r.type },
  { header: 'rectifies', value: (r) => r.rectifies },
  { header: 'state', value: (r) => r.state },
  { header: 'submitted_at', value: (r) => r.submittedAt },
  { header: 'declarant_name', value: (r) => declarant(r).name?.full },
  { header: 'post', value: (r) => declarant(r).post },
  { header: 'start_date', value: (r) => declarant(r).startDate },
  { header: 'end_date', value: (r) => declarant(r).endDate },
  { header: 'company_stakes', value: (r) => (Array.isArray(r.companyStakes) ? (r.companyStakes as { name: string }[]).map((stake) => stake.name) : []) },
  { header: 'real_estate_items', value: count('realEstate') },
  { header: 'vehicles', value: count('vehicles') },
  { header: 'securities', value: count('securities') },
  { header: 'liabilities', value: count('liabilities') },
  { header: 'registered_at', value: (r) => r.registeredAt },
  { header: 'updated_at', value: (r) => r.updatedAt },
];
