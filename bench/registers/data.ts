import { ObjectId } from '../../src/db/driver.js';
import type { Database } from '../../src/db/database.js';
import { searchTokens } from '../../src/registry/names.js';

const GIVEN = ['Rodrigo', 'Ana', 'María', 'José', 'Camila', 'Felipe', 'Claudia', 'Andrés', 'Javiera', 'Tomás', 'Ignacio', 'Paula'];
const SURNAMES = ['Peñailillo', 'Muñoz', 'González', 'Soto', 'Rojas', 'Núñez', 'Errázuriz', 'Fuentes', 'Valdés', 'Herrera', 'Ortúzar', 'Briceño', 'Lagos', 'Vial'];
const TOPICS = ['ampliación faena minera', 'plan regulador comunal', 'concesión portuaria', 'licitación de alumbrado', 'proyecto de ley de pesca', 'permiso ambiental', 'subsidio habitacional', 'tarifa eléctrica', 'reforma de salud', 'transporte público'];
const FIRMS = ['Minera Los Andes S.A.', 'Asociación Gremial del Salmón', 'Constructora Pacífico Ltda.', 'Fundación Educa', 'Eléctrica del Sur SpA', 'Cámara Chilena de Comercio'];

/** Meetings per insertMany; several batches are in flight so building the next overlaps storing the last. */
const BATCH = 5_000;
const IN_FLIGHT = 3;

/** A deterministic pseudo-random sequence, so every run loads the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const officialCode = (i: number) => `BB${String(i).padStart(6, '0')}`;
export const institutionCode = (i: number) => `bb${String(Math.floor(i / 100)).padStart(3, '0')}`;

/** What varies from one meeting to the next in the data sets the benches load. */
export interface MeetingParts {
  official: number;
  startsAt: string;
  subject: string;
  attendee: string;
  firm: string;
  searchTokens: string[];
}

/** A meeting shaped as the service stores it: one lobbyist attending for one firm, server-owned fields from `stamp`. */
export function storedMeeting(parts: MeetingParts, stamp: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: new ObjectId(),
    official: officialCode(parts.official),
    institution: institutionCode(parts.official),
    startsAt: parts.startsAt,
    modality: 'in-person',
    subject: parts.subject,
    attendees: [{ name: parts.attendee, kind: 'lobbyist', paid: true, represents: [{ name: parts.firm }] }],
    eventAt: parts.startsAt,
    searchTokens: parts.searchTokens,
    organizationIds: [],
    ...stamp,
  };
}

/** The distinct words of several word lists, as searchTokens would give for the texts they came from. */
function merged(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

/**
 * Loads institutions, officials and meetings straight through the driver, shaped as the service stores them
 * (server-owned fields included, search words computed by the service's own function). Schema validation is
 * bypassed: the benchmark measures reads, not the write path, and every document here has the stored shape.
 */
export async function load(db: Database, counts: { officials: number; meetings: number }, log: (line: string) => void): Promise<void> {
  const next = random(20_730);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const now = new Date().toISOString();
  const stamp = { status: 'active', registeredAt: now, updatedAt: now, createdBy: 'bench', revision: 1 };
  const options = { ordered: false, bypassDocumentValidation: true };

  const institutions = Math.ceil(counts.officials / 100);
  await db.collection('institutions').insertMany(
    Array.from({ length: institutions }, (_, i) => ({ _id: institutionCode(i * 100), code: institutionCode(i * 100), name: `Servicio ${i}`, kind: 'public-service', ...stamp })) as never[],
    options,
  );
  // Word lists are computed once per official, topic and name: the text is the same for every meeting that repeats it.
  const officialTokens: string[][] = [];
  for (let start = 0; start < counts.officials; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(counts.officials, start + BATCH); i++) {
      const full = `${pick(GIVEN)} ${pick(SURNAMES)} ${pick(SURNAMES)}`;
      officialTokens[i] = searchTokens(full, officialCode(i));
      batch.push({ _id: officialCode(i), code: officialCode(i), name: { full }, positions: [{ institution: institutionCode(i), title: 'Director(a)', from: '2010-01-01' }], duties: { agenda: true, declarations: true }, searchTokens: searchTokens(full), ...stamp });
    }
    await db.collection('officials').insertMany(batch as never[], options);
  }
  log(`loaded ${counts.officials} officials in ${institutions} institutions`);

  const tokensOf = new Map<string, string[]>();
  const wordsOf = (text: string) => tokensOf.get(text) ?? tokensOf.set(text, searchTokens(text)).get(text)!;
  const started = Date.now();
  const base = Date.UTC(2015, 0, 1);
  const meetings = db.collection('meetings');
  const pending = new Set<Promise<unknown>>();
  let reported = 0;
  for (let start = 0; start < counts.meetings; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(counts.meetings, start + BATCH); i++) {
      const official = Math.floor(next() * counts.officials);
      const startsAt = new Date(base + Math.floor(next() * 9 * 365 * 86_400) * 1000).toISOString();
      const subject = pick(TOPICS);
      const attendee = `${pick(GIVEN)} ${pick(SURNAMES)}`;
      const firm = pick(FIRMS);
      batch.push(storedMeeting({ official, startsAt, subject, attendee, firm, searchTokens: merged(officialTokens[official], wordsOf(subject), wordsOf(attendee), wordsOf(firm)) }, stamp));
    }
    const write = meetings.insertMany(batch as never[], options).finally(() => pending.delete(write));
    pending.add(write);
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
    const done = start + batch.length;
    if (done - reported >= 100_000) {
      reported = done;
      const seconds = (Date.now() - started) / 1000;
      log(`  ${done} meetings (${Math.round(seconds)} s, ${Math.round(done / seconds)}/s)`);
    }
  }
  await Promise.all(pending);
  const seconds = (Date.now() - started) / 1000;
  log(`loaded ${counts.meetings} meetings in ${Math.round(seconds)} s (${Math.round(counts.meetings / seconds)}/s)`);
}
