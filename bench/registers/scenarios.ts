import { institutionCode, officialCode } from './data.js';

/** One measured request shape; `path(n)` gives the n-th request's path so every client asks for something different. */
export interface Scenario {
  name: string;
  title: string;
  path(n: number, counts: { officials: number; limit: number }): string;
}

const SURNAME_WORDS = ['penailillo', 'munoz', 'errazuriz', 'nunez'];
const TOPIC_WORDS = ['faena', 'regulador', 'portuaria', 'salud'];

export const scenarios: Scenario[] = [
  {
    name: 'official',
    title: 'list filtered by official',
    // 7919 is prime, so successive requests walk over every official rather than a few hot ones.
    path: (n, { officials, limit }) => `/api/v1/meetings?official=${officialCode((n * 7919) % officials)}&limit=${limit}`,
  },
  {
    name: 'institution-range',
    title: 'list filtered by institution and date range',
    path: (n, { officials, limit }) =>
      `/api/v1/meetings?institution=${institutionCode(((n * 31) % Math.ceil(officials / 100)) * 100)}&from=2019-01-01&to=2019-12-31&limit=${limit}`,
  },
  {
    name: 'search',
    title: 'text search, two words',
    path: (n, { limit }) => `/api/v1/meetings?q=${SURNAME_WORDS[n % 4]}%20${TOPIC_WORDS[Math.floor(n / 4) % 4]}&limit=${limit}`,
  },
];
