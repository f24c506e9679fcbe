import { ObjectId } from '../../src/db/driver.js';
import type { Database } from '../../src/db/database.js';
import { searchTokens } from '../../src/registry/names.js';

const GIVEN = ['Rodrigo', 'Ana', 'María', 'José', 'Camila', 'Felipe', 'Claudia', 'Andrés', 'Javiera', 'Tomás', 'Ignacio', 'Paula'];
const SURNAMES = ['Peñailillo', 'Muñoz', 'González', 'Soto', 'Rojas', 'Núñez', 'Errázuriz', 'Fuentes', 'Valdés', 'Herrera', 'Ortúzar', 'Briceño', 'Lagos', 'Vial'];
const TOPICS = ['ampliación faena minera', 'plan regulador comunal', 'concesión portuaria', 'licitación de alumbrado', 'proyecto de ley de pesca', 'permiso ambiental', 'subsidio habitacional', 'tarifa eléctrica', 'reforma de salud', 'transporte público'];
const FIRMS = ['Minera Los Andes S.A.', 'Asociación Gremial del Salmón', 'Constructora Pacífico Ltda.', 'Fundación Educa', 'Eléctrica del Sur SpA', 'Cámara Chilena de Comercio'];

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

/**
 * Loads officials and meetings straight through the driver in batches, shaped as the service stores them
 * (server-owned fields included), so the benchmark measures reads, not the HTTP write path.
 */
export async function load(db: Database, counts: { officials: number; meetings: number }, log: (line: string) => void): Promise<void> {
  const next = random(20_730);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const now = new Date().toISOString();
  const stamp = { status: 'active', registeredAt: now, updatedAt: now, createdBy: 'bench', revision: 1 };
  const names: string[] = [];

  const institutions = Math.ceil(counts.officials / 100);
  await db.collection('institutions').insertMany(
    Array.from({ length: institutions }, (_, i) => ({ _id: institutionCode(i * 100), code: institutionCode(i * 100), name: `Servicio ${i}`, kind: 'public-service', ...stamp })) as never[],
  );
  for (let start = 0; start < counts.officials; start += 5000) {
    const batch = [];
    for (let i = start; i < Math.min(counts.officials, start + 5000); i++) {
      const full = `${pick(GIVEN)} ${pick(SURNAMES)} ${pick(SURNAMES)}`;
      names[i] = full;
      batch.push({ _id: officialCode(i), code: officialCode(i), name: { full }, positions: [{ institution: institutionCode(i), title: 'Director(a)', from: '2010-01-01' }], duties: { agenda: true, declarations: true }, searchTokens: searchTokens(full), ...stamp });
    }
    await db.collection('officials').insertMany(batch as never[]);
  }
  log(`loaded ${counts.officials} officials in ${institutions} institutions`);

  const started = Date.now();
  const base = Date.UTC(2015, 0, 1);
  for (let start = 0; start < counts.meetings; start += 10_000) {
    const batch = [];
    for (let i = start; i < Math.min(counts.meetings, start + 10_000); i++) {
      const official = Math.floor(next() * counts.officials);
      const startsAt = new Date(base + Math.floor(next() * 9 * 365 * 86_400) * 1000).toISOString();
      const subject = pick(TOPICS);
      const attendee = `${pick(GIVEN)} ${pick(SURNAMES)}`;
      const firm = pick(FIRMS);
      batch.push({
        _id: new ObjectId(),
        official: officialCode(official),
        institution: institutionCode(official),
        startsAt,
        modality: 'in-person',
        subject,
        attendees: [{ name: attendee, kind: 'lobbyist', paid: true, represents: [{ name: firm }] }],
        eventAt: startsAt,
        searchTokens: searchTokens(names[official], officialCode(official), subject, attendee, firm),
        organizationIds: [],
        ...stamp,
      });
    }
    await db.collection('meetings').insertMany(batch as never[], { ordered: false });
    if ((start / 10_000) % 10 === 9) log(`  ${start + batch.length} meetings (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  log(`loaded ${counts.meetings} meetings in ${Math.round((Date.now() - started) / 1000)} s`);
}
