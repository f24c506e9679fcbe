/**
 * Realistic documents of every kind, as a client sends them to create one (no server-owned fields).
 * Valid against schemas/; shared by the domain tests and the endpoint tests. `asStored` adds the server-owned
 * fields, giving the document as the API shows it.
 */

export const ids = {
  organization: '65f1a2b3c4d5e6f708192a3b',
  organization2: '65f1a2b3c4d5e6f708192a3c',
  person: '65f1a2b3c4d5e6f708192a4b',
  meeting: '65f1a2b3c4d5e6f708192a5b',
  audienceRequest: '65f1a2b3c4d5e6f708192a6b',
  declaration: '65f1a2b3c4d5e6f708192a7b',
  record: '65f1a2b3c4d5e6f708192a8b',
};

export const institution = {
  code: 'ab001',
  name: 'SUBSECRETARÍA DEL INTERIOR',
  kind: 'undersecretariat',
  region: 'CL-RM',
};

export const official = {
  code: 'AB001443',
  name: { full: 'Rodrigo Peñailillo Briceño', givenNames: 'Rodrigo', surnames: 'Peñailillo Briceño' },
  positions: [{ institution: 'ab001', title: 'Ministro(a)', from: '2014-03-11', to: '2015-05-11' }],
  duties: { agenda: true, declarations: true },
  run: '12345678-5',
};

export const organization = {
  name: 'Minera Los Andes S.A.',
  taxId: '96505760-9',
  country: 'CL',
  roles: ['represented'],
  lineOfBusiness: 'Extracción de minerales de cobre',
  domicile: { street: 'Av. Apoquindo 4501, of. 1201', commune: 'Las Condes', region: 'CL-RM', country: 'CL' },
  legalRepresentative: { name: 'María José Fuentes Lagos', run: '15432876-9' },
  directors: [
    { name: 'Juan Pablo Errázuriz Vial', run: '9876543-3', role: 'presidente' },
    { name: 'Carolina Muñoz Soto', role: 'directora' },
  ],
};

export const person = {
  name: { full: 'Andrés Valdés Ruiz-Tagle', givenNames: 'Andrés', surnames: 'Valdés Ruiz-Tagle' },
  kind: 'lobbyist',
  taxId: '17654321-3',
  contact: { email: 'avaldes@asuntospublicos.cl', phone: '+56 2 2345 6789' },
  organization: ids.organization2,
};

export const meeting = {
  official: 'AB001443',
  institution: 'ab001',
  officialPosition: 'Ministro(a)',
  code: 'ab0012345',
  startsAt: '2014-12-02T10:30:00-03:00',
  endsAt: '2014-12-02T11:15:00-03:00',
  place: 'Palacio de La Moneda, oficina del ministro',
  commune: 'Santiago',
  modality: 'in-person',
  subject: 'Presentación del proyecto de ampliación de la faena minera y su tramitación ambiental.',
  subjectCategories: ['administrative-acts', 'policies'],
  attendees: [
    {
      person: ids.person,
      name: 'Andrés Valdés Ruiz-Tagle',
      kind: 'lobbyist',
      paid: true,
      represents: [{ organization: ids.organization, name: 'Minera Los Andes S.A.', taxId: '96505760-9' }],
    },
    { name: 'Claudia Herrera Pinto', kind: 'interest-manager', paid: false },
  ],
  otherAttendees: [{ name: 'Felipe Ortúzar', role: 'Jefe de gabinete' }],
  representedEntities: [{ organization: ids.organization, name: 'Minera Los Andes S.A.' }],
  audienceRequest: ids.audienceRequest,
  notes: 'Solicitaron reunión de seguimiento en enero.',
};

export const trip = {
  official: 'AB001443',
  institution: 'ab001',
  code: 'ab001v0231',
  startDate: '2014-11-17',
  endDate: '2014-11-21',
  destination: { place: 'Lima', country: 'PE' },
  purpose: 'Reunión bilateral de ministros del Interior sobre seguridad fronteriza.',
  activityKind: 'Visita oficial',
  funders: [{ name: 'Gobierno de Chile', informed: true }, { informed: false }],
  cost: { amount: 1850000, currency: 'CLP' },
};

export const gift = {
  official: 'AB001443',
  institution: 'ab001',
  officialPosition: 'Ministro(a)',
  code: 'ab0011063',
  date: '2014-12-18',
  description: '1 libro',
  occasion: 'Navidad 2014',
  donor: { name: 'Embajada de Francia' },
  estimatedValue: { amount: 25000, currency: 'CLP' },
};

export const attestation = {
  official: 'AB001443',
  institution: 'ab001',
  month: '2015-02',
  covers: { meetings: true, trips: true, gifts: true },
  statement: 'Durante febrero de 2015 no hubo audiencias, viajes ni donativos.',
};

export const audienceRequest = {
  official: 'AB001443',
  institution: 'ab001',
  requesters: [
    {
      name: 'Andrés Valdés Ruiz-Tagle',
      person: ids.person,
      kind: 'lobbyist',
      run: '17654321-3',
      contact: { email: 'avaldes@asuntospublicos.cl', phone: '+56 9 8765 4321' },
    },
  ],
  represents: [
    {
      organization: ids.organization,
      name: 'Minera Los Andes S.A.',
      taxId: '96505760-9',
      lineOfBusiness: 'Extracción de minerales de cobre',
      domicile: { street: 'Av. Apoquindo 4501, of. 1201', commune: 'Las Condes', region: 'CL-RM' },
      legalRepresentative: 'María José Fuentes Lagos',
      directors: ['Juan Pablo Errázuriz Vial', 'Carolina Muñoz Soto'],
    },
  ],
  paid: true,
  subject: 'Ampliación de la faena minera Los Andes.',
  subjectCategories: ['administrative-acts'],
  decisionSought: 'Priorizar la tramitación del permiso sectorial de la ampliación.',
  modality: 'in-person',
  proposedDates: [{ startsAt: '2014-12-02T10:30:00-03:00', endsAt: '2014-12-02T11:30:00-03:00' }],
};

export const audienceAnswer = {
  decision: 'accepted',
  scheduledFor: '2014-12-02T10:30:00-03:00',
  meeting: ids.meeting,
};

export const declaration = {
  official: 'AB001443',
  institution: 'ab001',
  type: 'periodic',
  declarant: {
    name: { full: 'Rodrigo Peñailillo Briceño' },
    run: '12345678-5',
    civilStatus: 'married',
    domicile: { street: 'Los Militares 5620, depto. 802', commune: 'Las Condes', region: 'CL-RM' },
    profession: 'Ingeniero comercial',
    post: 'Ministro del Interior y Seguridad Pública',
    grade: 'A',
    startDate: '2014-03-11',
  },
  activities: [
    {
      kind: 'professional',
      description: 'Asesoría en gestión pública',
      organization: { name: 'Consultora Andina Ltda.', taxId: '76124890-1' },
      role: 'Socio',
      period: 'previous-12-months',
      paid: true,
      from: '2012-01-01',
      to: '2014-03-10',
    },
  ],
  realEstate: [
    {
      kind: 'apartment',
      address: 'Los Militares 5620, depto. 802',
      commune: 'Las Condes',
      region: 'CL-RM',
      country: 'CL',
      taxRoll: '01234-00056',
      fiscalAppraisal: { amount: 98500000, currency: 'CLP' },
      acquisitionDate: '2010-06-15',
      share: 50,
      encumbrances: 'Hipoteca a favor de Banco de Chile',
    },
  ],
  waterRights: [
    { kind: 'consumptive, permanent', source: 'Río Maipo', flow: 2.5, registration: 'Fs. 123 N° 45 2009', commune: 'Pirque', region: 'CL-RM' },
  ],
  concessions: [],
  vehicles: [{ kind: 'car', make: 'Toyota', model: 'RAV4', year: 2012, plate: 'DKRT-45', appraisal: { amount: 9800000, currency: 'CLP' } }],
  shipsAndAircraft: [],
  companyStakes: [
    {
      name: 'Minera Los Andes S.A.',
      taxId: '96505760-9',
      country: 'CL',
      kind: 'shares',
      share: 0.5,
      numberOfShares: 12000,
      value: { amount: 45000000, currency: 'CLP' },
      controlling: false,
      blindTrust: false,
    },
  ],
  securities: [
    { kind: 'mutual fund units', issuer: { name: 'BanChile Administradora General de Fondos S.A.', taxId: '96767630-6' }, quantity: 1520.35, value: { amount: 15000000, currency: 'CLP' } },
  ],
  mandates: [],
  liabilities: [
    { creditor: { name: 'Banco de Chile', taxId: '97004000-5' }, kind: 'mortgage', amount: { amount: 6200000, currency: 'UTM' }, childSupport: false },
  ],
  spouseOrPartner: [
    {
      relationship: 'spouse',
      name: { full: 'Paula Andrea Rojas Vergara' },
      run: '13579246-2',
      propertyRegime: 'separation',
      activities: [{ kind: 'employment', description: 'Docente universitaria', period: 'current', paid: true }],
    },
  ],
  childrenAndWardsAssets: [],
  relatives: [{ relationship: 'parent', degree: 1, name: { full: 'Luis Peñailillo Contreras' }, run: '8765432-K', occupation: 'Jubilado' }],
  otherInterests: [{ description: 'Miembro del directorio de la Fundación Cultural del Biobío (ad honorem).' }],
  note: 'Actualización anual de marzo.',
};

/**
 * The document as the API shows it after creation: id and the bookkeeping every kind has. Records that can be
 * withdrawn also carry `status` (and `withdrawal`): pass them in `overrides`.
 */
export function asStored<T extends object>(doc: T, overrides: Record<string, unknown> = {}): T & Record<string, unknown> {
  return {
    id: ids.record,
    ...doc,
    registeredAt: '2014-12-03T09:12:44.000Z',
    updatedAt: '2014-12-03T09:12:44.000Z',
    createdBy: 'registrar-ab001',
    revision: 1,
    ...overrides,
  };
}

/** One valid document per kind (client input), keyed by schema file name. */
export const validDocuments: Record<string, Record<string, unknown>> = {
  institution,
  official,
  person,
  organization,
  meeting,
  trip,
  gift,
  attestation,
  'audience-request': audienceRequest,
  declaration,
};
