/* eslint-disable */
/**
 * Generated from schemas/*.json by scripts/generate-types.ts (npm run types:generate). Do not edit:
 * change the schema and regenerate. <Kind> is a document as the API shows it; <Kind>Input is a create body.
 */

/**
 * InfoLobby's official code (codigoPasivo / registraFichaPasivo), e.g. AB001443.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "OfficialCode".
 */
export type OfficialCode = string;
/**
 * InfoLobby's institution code (IdOrPortal / registradoPor), e.g. ab001.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "InstitutionCode".
 */
export type InstitutionCode = string;
/**
 * A calendar month, YYYY-MM.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "YearMonth".
 */
export type YearMonth = string;
/**
 * Free text of up to a few paragraphs.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Text".
 */
export type Text = string;
/**
 * A record's id: the 24-hex MongoDB ObjectId of the document.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "ObjectId".
 */
export type ObjectId = string;
/**
 * An ISO 8601 date-time with offset, e.g. 2024-05-02T10:30:00-04:00.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DateTime".
 */
export type DateTime = string;
/**
 * Distinct normalised words (lowercase, no accents) of a record's names and subjects.
 *
 * @maxItems 5000
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "SearchTokens".
 */
export type SearchTokens = string[];
/**
 * The account that performed an action.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserId".
 */
export type UserId = string;
/**
 * active, or withdrawn (retirado) with a withdrawal notice. Nothing is deleted.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Status".
 */
export type Status = "active" | "withdrawn";
/**
 * The code the public register gives an entry (InfoLobby codigoURI / codigoDonativo), e.g. ab0011063. Stable across imports.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "RecordCode".
 */
export type RecordCode = string;
/**
 * A proper name of a person or an organisation.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * Chilean tax or national id number (RUT for organisations, RUN for people), with or without thousands dots, hyphen before the check digit: 12345678-5 or 12.345.678-5. The service checks the módulo 11 check digit and stores the canonical form 12345678-5.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Rut".
 */
export type Rut = string;
/**
 * Chilean region as an ISO 3166-2:CL code (e.g. CL-RM for the Región Metropolitana).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Region".
 */
export type Region =
  | "CL-AP"
  | "CL-TA"
  | "CL-AN"
  | "CL-AT"
  | "CL-CO"
  | "CL-VS"
  | "CL-RM"
  | "CL-LI"
  | "CL-ML"
  | "CL-NB"
  | "CL-BI"
  | "CL-AR"
  | "CL-LR"
  | "CL-LL"
  | "CL-AI"
  | "CL-MA";
/**
 * ISO 3166-1 alpha-2 country code, e.g. CL.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "CountryCode".
 */
export type CountryCode = string;
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "ShortText".
 */
export type ShortText = string;
/**
 * Materias (InfoLobby datosMaterias).
 *
 * @maxItems 4
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "SubjectCategories".
 */
export type SubjectCategories =
  | []
  | [SubjectCategory]
  | [SubjectCategory, SubjectCategory]
  | [SubjectCategory, SubjectCategory, SubjectCategory]
  | [SubjectCategory, SubjectCategory, SubjectCategory, SubjectCategory];
/**
 * The Lobby Act art. 5 matter (materia) a meeting concerns: 1 administrative-acts (acts, bills, laws and decisions of the sujeto pasivo), 2 congress-acts (agreements, declarations or decisions of Congress, its members or committees), 3 contracts (contracts the sujetos pasivos need to operate), 4 policies (design, implementation and evaluation of policies, plans and programmes).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "SubjectCategory".
 */
export type SubjectCategory = "administrative-acts" | "congress-acts" | "contracts" | "policies";
/**
 * In person (Presencial) or remote (video call).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Modality".
 */
export type Modality = "in-person" | "remote";
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "IsoDate".
 */
export type IsoDate = string;
/**
 * A percentage from 0 to 100 (porcentaje).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Percent".
 */
export type Percent = number;
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "LongText".
 */
export type LongText = string;
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserRole".
 */
export type UserRole = "admin" | "oversight" | "registrar" | "official";
/**
 * For role registrar: the institution codes whose registers the account keeps.
 *
 * @maxItems 200
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserInstitutions".
 */
export type UserInstitutions = InstitutionCode[];
/**
 * A registrar needs at least one institution; an official needs the official's code.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserRoleScope".
 */
export type UserRoleScope = {
  [k: string]: unknown | undefined;
};

/**
 * Each document kind in schemas/ by its name, e.g. DocumentKinds["meeting"] is Meeting.
 */
export interface DocumentKinds {
  attestation: Attestation;
  "audience-request": AudienceRequest;
  "audit-event": AuditEvent;
  credential: Credential;
  declaration: Declaration;
  gift: Gift;
  guard: Guard;
  "idempotency-key": IdempotencyKey;
  institution: Institution;
  meeting: Meeting;
  official: Official;
  organization: Organization;
  person: Person;
  "rate-limit": RateLimit;
  revision: Revision;
  trip: Trip;
  user: User;
}
/**
 * A nil return: the official's statement that a month had no meetings, trips or gifts, so that nothing happened differs from nothing logged.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Attestation".
 */
export interface Attestation {
  official: OfficialCode;
  institution: InstitutionCode;
  month: YearMonth;
  /**
   * Which registers had nothing that month; at least one must be true.
   */
  covers: {
    meetings: boolean;
    trips: boolean;
    gifts: boolean;
  };
  statement?: Text;
  id?: ObjectId;
  eventAt?: DateTime;
  searchTokens?: SearchTokens;
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * One version of a register record: the full snapshot after a change, who made it, when, why, and which fields changed. Written by the server only; never changed or deleted.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Revision".
 */
export interface Revision {
  id: ObjectId;
  /**
   * The document kind, e.g. meeting.
   */
  kind: string;
  record: string;
  revision: Revision;
  /**
   * create, update, withdraw, merge or another verb of the record's kind.
   */
  action: string;
  at: DateTime;
  /**
   * The account that made the change, and its role at the time.
   */
  by: {
    kind: "user" | "system" | "cli";
    id?: UserId;
    role?: "admin" | "oversight" | "registrar" | "official";
  };
  /**
   * Why, when the author gave one (always for a withdrawal or a merge).
   */
  reason?: string;
  /**
   * Top-level fields that differ from the previous version.
   *
   * @maxItems 200
   */
  changes: string[];
  /**
   * The whole record as it stood after the change.
   */
  snapshot: {};
}
/**
 * Why and when a record was withdrawn; present only when status is withdrawn.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Withdrawal".
 */
export interface Withdrawal {
  reason: Text;
  at: DateTime;
  by: UserId;
}
/**
 * A request to meet an official (solicitud de audiencia, Lobby Act art. 12): the lobbyist's side, reconciled against the official's register.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AudienceRequest".
 */
export interface AudienceRequest {
  id?: ObjectId;
  official: OfficialCode;
  institution: InstitutionCode;
  code?: RecordCode;
  /**
   * The people who would attend.
   *
   * @minItems 1
   * @maxItems 50
   */
  requesters: [
    {
      name: Name;
      person?: ObjectId;
      kind?: "lobbyist" | "interest-manager";
      run?: Rut;
      contact?: Contact;
    },
    ...{
      name: Name;
      person?: ObjectId;
      kind?: "lobbyist" | "interest-manager";
      run?: Rut;
      contact?: Contact;
    }[]
  ];
  /**
   * On whose behalf the request is made, with the details art. 12 requires.
   *
   * @minItems 1
   * @maxItems 50
   */
  represents: [
    {
      organization?: ObjectId;
      name: Name;
      taxId?: Rut;
      lineOfBusiness?: ShortText;
      domicile?: Address;
      legalRepresentative?: Name;
      /**
       * @maxItems 100
       */
      directors?: Name[];
    },
    ...{
      organization?: ObjectId;
      name: Name;
      taxId?: Rut;
      lineOfBusiness?: ShortText;
      domicile?: Address;
      legalRepresentative?: Name;
      /**
       * @maxItems 100
       */
      directors?: Name[];
    }[]
  ];
  /**
   * Whether the requesters are paid for the representation (lobbyist) or not (interest manager).
   */
  paid: boolean;
  subject: Text;
  subjectCategories?: SubjectCategories;
  decisionSought?: Text;
  modality?: Modality;
  /**
   * @maxItems 10
   */
  proposedDates?:
    | []
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ];
  requestedAt?: DateTime;
  answer?: AudienceRequestAnswer;
  eventAt?: DateTime;
  searchTokens?: SearchTokens;
  /**
   * Ids of every registered organisation the entry names, for the organisation filter; set by the server.
   *
   * @maxItems 1000
   */
  organizationIds?: ObjectId[];
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * How to reach a person. Never public.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Contact".
 */
export interface Contact {
  email?: string;
  phone?: string;
  address?: Address;
}
/**
 * A postal address (domicilio).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Address".
 */
export interface Address {
  street: string;
  /**
   * Comuna.
   */
  commune?: string;
  region?: Region;
  city?: string;
  country?: CountryCode;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AudienceRequestAnswer".
 */
export interface AudienceRequestAnswer {
  decision: "accepted" | "rejected";
  at?: DateTime;
  by?: UserId;
  scheduledFor?: DateTime;
  meeting?: ObjectId;
  reason?: Text;
}
/**
 * One entry of the append-only audit log: who did what to which record, when, and why. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AuditEvent".
 */
export interface AuditEvent {
  id: ObjectId;
  at: DateTime;
  /**
   * A signed-in user, or the system itself (start-up, scheduled scans, the command line).
   */
  actor: {
    kind: "user" | "system" | "cli";
    id?: UserId;
    role?: "admin" | "oversight" | "registrar" | "official";
  };
  /**
   * What was done, as <kind>.<verb>, e.g. user.create, meeting.withdraw.
   */
  action: string;
  /**
   * The record acted on.
   */
  subject: {
    kind: string;
    id: string;
  };
  /**
   * Why, when the actor gave one.
   */
  reason?: string;
  /**
   * Top-level fields the action changed; the revisions collection keeps the values.
   *
   * @maxItems 200
   */
  changes?: string[];
  /**
   * The HTTP request that caused it, to match the logs.
   */
  requestId?: string;
}
/**
 * An account's password hash, kept apart from the user document so no query for users can ever return it. Never exposed by the API.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Credential".
 */
export interface Credential {
  id: ObjectId;
  /**
   * scrypt$N$r$p$salt$key, base64 parts.
   */
  passwordHash: string;
  updatedAt: DateTime;
}
/**
 * One Probity Act filing (declaración de intereses y patrimonio, Ley 20.880 arts. 7–8, DS 2 art. 12). A later filing never overwrites an earlier one.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Declaration".
 */
export interface Declaration {
  id?: ObjectId;
  official: OfficialCode;
  institution: InstitutionCode;
  /**
   * initial (on taking office), periodic (yearly update in March), exit (on leaving), rectification (corrects an earlier filing).
   */
  type: "initial" | "periodic" | "exit" | "rectification";
  rectifies?: ObjectId;
  /**
   * draft until submitted; a submitted filing is never changed.
   */
  state?: "draft" | "submitted";
  submittedAt?: DateTime;
  /**
   * Identification of the declarant (DS 2 art. 12).
   */
  declarant: {
    name?: PersonName;
    run?: Rut;
    /**
     * Estado civil.
     */
    civilStatus?: "single" | "married" | "civil-union" | "separated" | "divorced" | "widowed";
    domicile?: Address;
    profession?: ShortText;
    post: ShortText;
    /**
     * Grado.
     */
    grade?: string;
    startDate: IsoDate;
    endDate?: IsoDate;
  };
  /**
   * Professional and economic activities, current and during the previous 12 months.
   *
   * @maxItems 100
   */
  activities?: DeclarationActivity[];
  /**
   * Bienes inmuebles, in Chile and abroad.
   *
   * @maxItems 200
   */
  realEstate?: DeclarationRealEstate[];
  /**
   * Derechos de aprovechamiento de aguas.
   *
   * @maxItems 200
   */
  waterRights?: DeclarationWaterRight[];
  /**
   * Concesiones (mining, aquaculture, maritime, ...).
   *
   * @maxItems 200
   */
  concessions?: DeclarationConcession[];
  /**
   * Vehículos motorizados.
   *
   * @maxItems 100
   */
  vehicles?: DeclarationVehicle[];
  /**
   * Naves y aeronaves.
   *
   * @maxItems 50
   */
  shipsAndAircraft?: DeclarationShipOrAircraft[];
  /**
   * Acciones o derechos en sociedades, in Chile and abroad.
   *
   * @maxItems 200
   */
  companyStakes?: DeclarationCompanyStake[];
  /**
   * Valores e instrumentos financieros.
   *
   * @maxItems 500
   */
  securities?: DeclarationSecurity[];
  /**
   * Mandatos especiales de administración de cartera (art. 26).
   *
   * @maxItems 20
   */
  mandates?:
    | []
    | [DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ];
  /**
   * Pasivos over 100 UTM; child-support debts at any amount (Ley 21.389).
   *
   * @maxItems 200
   */
  liabilities?: DeclarationLiability[];
  /**
   * Cónyuge o conviviente civil.
   *
   * @maxItems 1
   */
  spouseOrPartner?: [] | [DeclarationSpouseOrPartner];
  /**
   * Bienes de hijos sujetos a patria potestad y de personas bajo tutela o curatela.
   *
   * @maxItems 30
   */
  childrenAndWardsAssets?: DeclarationChildOrWard[];
  /**
   * Parientes (declarants of art. 4 Nº1–4). Only first-degree direct-line relatives (parents, children) are published: a rule the declaration presenter applies, beyond x-private.
   *
   * @maxItems 100
   */
  relatives?: DeclarationRelative[];
  /**
   * Other interests and voluntary conflicts declared.
   *
   * @maxItems 100
   */
  otherInterests?: DeclarationOtherInterest[];
  note?: LongText;
  /**
   * Tax ids (rut:…) and normalised names (name:…) of every organisation the filing names, for search by company. Set by the server; never shown.
   *
   * @maxItems 5000
   */
  organizationKeys?: string[];
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * A person's name as published. Imported history often holds only the full name.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "PersonName".
 */
export interface PersonName {
  full: Name;
  /**
   * Nombres.
   */
  givenNames?: string;
  /**
   * Apellidos (paternal and maternal).
   */
  surnames?: string;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationActivity".
 */
export interface DeclarationActivity {
  kind: "professional" | "economic" | "employment" | "board-membership" | "other";
  description: Text;
  organization?: NamedEntity;
  role?: ShortText;
  /**
   * current, or previous-12-months (held during the 12 months before taking office).
   */
  period: "current" | "previous-12-months";
  paid?: boolean;
  from?: IsoDate;
  to?: IsoDate;
}
/**
 * An organisation named inside a declaration: a company, an issuer, an employer, a creditor.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "NamedEntity".
 */
export interface NamedEntity {
  name: Name;
  taxId?: Rut;
  country?: CountryCode;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationRealEstate".
 */
export interface DeclarationRealEstate {
  kind: ShortText;
  address?: ShortText;
  /**
   * Comuna, or city abroad.
   */
  commune: string;
  region?: Region;
  country?: CountryCode;
  /**
   * Rol de avalúo.
   */
  taxRoll?: string;
  fiscalAppraisal?: Money;
  acquisitionDate?: IsoDate;
  share: Percent;
  encumbrances?: ShortText;
}
/**
 * A non-negative amount. CLP in whole pesos (CLP has no minor unit); USD in cents; UF and UTM in ten-thousandths (4 decimal places), e.g. 100 UTM = 1000000.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Money".
 */
export interface Money {
  /**
   * Integer in the currency's unit as described above; never negative.
   */
  amount: number;
  /**
   * CLP (peso), UF (unidad de fomento), UTM (unidad tributaria mensual) or USD.
   */
  currency: "CLP" | "UF" | "UTM" | "USD";
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationWaterRight".
 */
export interface DeclarationWaterRight {
  kind: ShortText;
  source?: ShortText;
  /**
   * Caudal, in litres per second.
   */
  flow?: number;
  registration?: ShortText;
  commune?: string;
  region?: Region;
  value?: Money;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationConcession".
 */
export interface DeclarationConcession {
  kind: ShortText;
  name: ShortText;
  registration?: ShortText;
  commune?: string;
  region?: Region;
  value?: Money;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationVehicle".
 */
export interface DeclarationVehicle {
  kind: ShortText;
  make: string;
  model: string;
  year: number;
  /**
   * Placa patente.
   */
  plate?: string;
  appraisal?: Money;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationShipOrAircraft".
 */
export interface DeclarationShipOrAircraft {
  kind: "ship" | "aircraft";
  name?: ShortText;
  make?: string;
  model?: string;
  year?: number;
  /**
   * Matrícula.
   */
  registration?: string;
  value?: Money;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationCompanyStake".
 */
export interface DeclarationCompanyStake {
  name: Name;
  taxId?: Rut;
  country?: CountryCode;
  lineOfBusiness?: ShortText;
  /**
   * E.g. shares, partnership rights.
   */
  kind?: "shares" | "partnership-rights" | "other";
  share: Percent;
  numberOfShares?: number;
  value?: Money;
  /**
   * Whether the declarant is a controller (controlador).
   */
  controlling?: boolean;
  /**
   * Managed through a mandate or blind trust (art. 26).
   */
  blindTrust?: boolean;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationSecurity".
 */
export interface DeclarationSecurity {
  kind: ShortText;
  issuer: NamedEntity;
  quantity?: number;
  value?: Money;
  blindTrust?: boolean;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationMandate".
 */
export interface DeclarationMandate {
  kind: "portfolio-mandate" | "blind-trust" | "other";
  administrator: NamedEntity;
  date?: IsoDate;
  description?: Text;
  value?: Money;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationLiability".
 */
export interface DeclarationLiability {
  creditor: NamedEntity;
  kind: ShortText;
  amount: Money;
  /**
   * Deuda de pensión de alimentos: declared at any amount.
   */
  childSupport: boolean;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationSpouseOrPartner".
 */
export interface DeclarationSpouseOrPartner {
  relationship: "spouse" | "civil-partner";
  name: PersonName;
  run?: Rut;
  /**
   * community (sociedad conyugal or civil-union community), separation (separación total de bienes), participation (participación en los gananciales).
   */
  propertyRegime?: "community" | "separation" | "participation";
  /**
   * @maxItems 50
   */
  activities?: DeclarationActivity[];
  assets?: DeclarationAssets;
}
/**
 * Assets of a spouse under a community regime, or of a child or ward.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationAssets".
 */
export interface DeclarationAssets {
  /**
   * @maxItems 100
   */
  realEstate?: DeclarationRealEstate[];
  /**
   * @maxItems 50
   */
  vehicles?: DeclarationVehicle[];
  /**
   * @maxItems 20
   */
  shipsAndAircraft?:
    | []
    | [DeclarationShipOrAircraft]
    | [DeclarationShipOrAircraft, DeclarationShipOrAircraft]
    | [DeclarationShipOrAircraft, DeclarationShipOrAircraft, DeclarationShipOrAircraft]
    | [DeclarationShipOrAircraft, DeclarationShipOrAircraft, DeclarationShipOrAircraft, DeclarationShipOrAircraft]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ]
    | [
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft,
        DeclarationShipOrAircraft
      ];
  /**
   * @maxItems 100
   */
  companyStakes?: DeclarationCompanyStake[];
  /**
   * @maxItems 200
   */
  securities?: DeclarationSecurity[];
  /**
   * @maxItems 100
   */
  waterRights?: DeclarationWaterRight[];
  /**
   * @maxItems 100
   */
  concessions?: DeclarationConcession[];
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationChildOrWard".
 */
export interface DeclarationChildOrWard {
  relationship: "child" | "ward";
  name: PersonName;
  run?: Rut;
  assets?: DeclarationAssets;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationRelative".
 */
export interface DeclarationRelative {
  relationship:
    | "parent"
    | "child"
    | "sibling"
    | "grandparent"
    | "grandchild"
    | "parent-in-law"
    | "child-in-law"
    | "sibling-in-law"
    | "other";
  /**
   * Degree of kinship (grado de parentesco).
   */
  degree?: number;
  name: PersonName;
  run?: Rut;
  occupation?: ShortText;
}
/**
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationOtherInterest".
 */
export interface DeclarationOtherInterest {
  description: Text;
  organization?: NamedEntity;
}
/**
 * A Lobby Act official or protocol gift (donativo oficial o protocolar) received by an official.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Gift".
 */
export interface Gift {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  date: IsoDate;
  description: Text;
  occasion?: ShortText;
  /**
   * Who gave it: a registered organisation or person, or a name as given. Optional: InfoLobby publishes no donor for gifts.
   */
  donor?: {
    organization?: ObjectId;
    person?: ObjectId;
    name?: Name;
    taxId?: Rut;
  };
  estimatedValue?: Money;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
  id?: ObjectId;
  eventAt?: DateTime;
  searchTokens?: SearchTokens;
  /**
   * Ids of every registered organisation the entry names, for the organisation filter; set by the server.
   *
   * @maxItems 1000
   */
  organizationIds?: ObjectId[];
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * A document that every transaction checking one rule across several documents writes (for example that an active admin remains), so that two such transactions running at once conflict and one is retried, seeing the other's change. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Guard".
 */
export interface Guard {
  /**
   * The rule it guards, e.g. "active-admins".
   */
  id: string;
  /**
   * How many transactions have written it.
   */
  version: number;
}
/**
 * The first answer to a create sent with an Idempotency-Key, kept so a replay gets the same answer and creates nothing. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "IdempotencyKey".
 */
export interface IdempotencyKey {
  /**
   * Account, route and key, so one client's keys never meet another's.
   */
  id: string;
  /**
   * SHA-256 of the request body, to refuse the same key with a different body.
   */
  requestHash: string;
  status: number;
  location?: string;
  body: {};
  createdAt: DateTime;
  /**
   * When the database drops the key (a TTL index): a BSON date, not a string, since a TTL index ignores strings. A replay after it creates anew.
   */
  expiresAt?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A public body whose officials keep Lobby Act registers or file Probity Act declarations (organismo).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Institution".
 */
export interface Institution {
  id?: InstitutionCode;
  code: InstitutionCode;
  name: Name;
  kind:
    | "ministry"
    | "undersecretariat"
    | "public-service"
    | "presidential-delegation"
    | "regional-government"
    | "municipality"
    | "congress"
    | "judiciary"
    | "prosecution"
    | "comptroller"
    | "central-bank"
    | "armed-forces"
    | "police"
    | "autonomous-body"
    | "state-company"
    | "university"
    | "other";
  region?: Region;
  /**
   * For search and matching; set by the server.
   */
  normalizedName?: string;
  searchTokens?: SearchTokens;
  status?: Status;
  withdrawal?: Withdrawal;
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
}
/**
 * A Lobby Act meeting (audiencia o reunión) of an official with lobbyists or interest managers.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Meeting".
 */
export interface Meeting {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  startsAt: DateTime;
  endsAt?: DateTime;
  place?: ShortText;
  /**
   * Comuna (lugar).
   */
  commune?: string;
  modality: Modality;
  subject: Text;
  subjectCategories?: SubjectCategories;
  /**
   * Lobbyists and interest managers who attended (datosActivos).
   *
   * @minItems 1
   * @maxItems 100
   */
  attendees: [
    {
      person?: ObjectId;
      name?: Name;
      /**
       * lobbyist (paid, lobbista) or interest-manager (unpaid, gestor de intereses).
       */
      kind: "lobbyist" | "interest-manager";
      /**
       * Whether the attendee is paid for the representation (remunerado).
       */
      paid: boolean;
      /**
       * On whose behalf the attendee came (representados).
       *
       * @maxItems 50
       */
      represents?: OrganizationRef[];
    },
    ...{
      person?: ObjectId;
      name?: Name;
      /**
       * lobbyist (paid, lobbista) or interest-manager (unpaid, gestor de intereses).
       */
      kind: "lobbyist" | "interest-manager";
      /**
       * Whether the attendee is paid for the representation (remunerado).
       */
      paid: boolean;
      /**
       * On whose behalf the attendee came (representados).
       *
       * @maxItems 50
       */
      represents?: OrganizationRef[];
    }[]
  ];
  /**
   * Attendees who are neither lobbyists nor interest managers (otrosAsistentes), e.g. advisers.
   *
   * @maxItems 100
   */
  otherAttendees?: {
    name: Name;
    role?: ShortText;
  }[];
  /**
   * Entities represented in the meeting as a whole (datosRepresentados).
   *
   * @maxItems 50
   */
  representedEntities?: OrganizationRef[];
  audienceRequest?: ObjectId;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
  id?: ObjectId;
  eventAt?: DateTime;
  searchTokens?: SearchTokens;
  /**
   * Ids of every registered organisation the entry names, for the organisation filter; set by the server.
   *
   * @maxItems 1000
   */
  organizationIds?: ObjectId[];
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * An organisation on the other side: a registered organisation by id, or only as named in the source; the tax id, when known, lets the compliance scan match it against declarations.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "OrganizationRef".
 */
export interface OrganizationRef {
  organization?: ObjectId;
  name?: Name;
  taxId?: Rut;
}
/**
 * A public official obliged by the Lobby Act (sujeto pasivo) and/or the Probity Act (declarant).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Official".
 */
export interface Official {
  id?: OfficialCode;
  code: OfficialCode;
  name: PersonName;
  /**
   * Posts held (cargos), current and past. A position without 'to' is current.
   *
   * @minItems 1
   * @maxItems 100
   */
  positions: [
    {
      institution: InstitutionCode;
      title: ShortText;
      from: IsoDate;
      to?: IsoDate;
    },
    ...{
      institution: InstitutionCode;
      title: ShortText;
      from: IsoDate;
      to?: IsoDate;
    }[]
  ];
  /**
   * Which registers the official must keep: the Lobby Act agenda, the Probity Act declarations.
   */
  duties: {
    agenda: boolean;
    declarations: boolean;
  };
  run?: Rut;
  /**
   * For search; set by the server.
   */
  normalizedName?: string;
  searchTokens?: SearchTokens;
  status?: Status;
  withdrawal?: Withdrawal;
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
}
/**
 * An organisation on the other side: an entity represented in a meeting, a donor, a trip funder or a lobbying firm. Duplicates are merged, never deleted.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Organization".
 */
export interface Organization {
  id?: ObjectId;
  name: Name;
  taxId?: Rut;
  country?: CountryCode;
  /**
   * Name without case, accents, punctuation or legal suffix, for matching; set by the server.
   */
  normalizedName?: string;
  /**
   * rut:<tax id>, else name:<normalised name>; unique among active organisations so the database refuses a duplicate registration; merged:<id> once merged away. Set by the server, never shown.
   */
  dedupKey?: string;
  /**
   * How the organisation appears in the registers.
   *
   * @maxItems 4
   */
  roles?:
    | []
    | ["represented" | "donor" | "funder" | "lobbying-firm"]
    | ["represented" | "donor" | "funder" | "lobbying-firm", "represented" | "donor" | "funder" | "lobbying-firm"]
    | [
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm"
      ]
    | [
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm"
      ];
  lineOfBusiness?: ShortText;
  domicile?: Address;
  /**
   * Representante legal.
   */
  legalRepresentative?: {
    name: Name;
    run?: Rut;
  };
  /**
   * Directorio.
   *
   * @maxItems 100
   */
  directors?: {
    name: Name;
    run?: Rut;
    role?: ShortText;
  }[];
  mergedInto?: ObjectId;
  /**
   * Ids of duplicate records merged into this one.
   *
   * @maxItems 1000
   */
  mergedFrom?: ObjectId[];
  searchTokens?: SearchTokens;
  status?: Status;
  withdrawal?: Withdrawal;
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
}
/**
 * A person on the other side of the register: a paid lobbyist (lobbista), an unpaid interest manager (gestor de intereses) or another attendee.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Person".
 */
export interface Person {
  id?: ObjectId;
  name: PersonName;
  /**
   * lobbyist: paid (lobbista); interest-manager: unpaid (gestor de intereses); attendee: neither.
   */
  kind: "lobbyist" | "interest-manager" | "attendee";
  taxId?: Rut;
  contact?: Contact;
  organization?: ObjectId;
  /**
   * For search and matching; set by the server.
   */
  normalizedName?: string;
  searchTokens?: SearchTokens;
  status?: Status;
  withdrawal?: Withdrawal;
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
}
/**
 * How many requests one client made of a rate-limited route in the current window, kept in the database so every instance of the service counts against the same limit and a restart does not reset it. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "RateLimit".
 */
export interface RateLimit {
  /**
   * The limit's name and the client's key (its address).
   */
  id: string;
  /**
   * Requests counted in the current window.
   */
  hits: number;
  /**
   * When the current window ends and the count starts again: a BSON date, not a string, so a TTL index can drop counters long past (the embedded engine keeps them).
   */
  resetAt: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A Lobby Act trip (viaje) made by an official in the exercise of the post.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "Trip".
 */
export interface Trip {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  startDate: IsoDate;
  endDate?: IsoDate;
  /**
   * descripcion in InfoLobby.
   */
  destination: {
    place: ShortText;
    country?: CountryCode;
  };
  purpose: Text;
  activityKind?: ShortText;
  /**
   * Who paid (datosFinancistas). A funder with informed=false stands for the source's S/I (sin información).
   *
   * @maxItems 50
   */
  funders: {
    organization?: ObjectId;
    name?: Name;
    taxId?: Rut;
    /**
     * false when the funder was not informed (S/I).
     */
    informed: boolean;
  }[];
  cost: Money;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
  id?: ObjectId;
  eventAt?: DateTime;
  searchTokens?: SearchTokens;
  /**
   * Ids of every registered organisation the entry names, for the organisation filter; set by the server.
   *
   * @maxItems 1000
   */
  organizationIds?: ObjectId[];
  registeredAt?: DateTime;
  updatedAt?: DateTime;
  createdBy?: UserId;
  revision?: Revision;
  status?: Status;
  withdrawal?: Withdrawal;
}
/**
 * An account. Admins manage accounts; oversight staff review; registrars keep the registers of their institutions; an official files for themself. The password is only ever sent, never shown.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "User".
 */
export interface User {
  id?: ObjectId;
  /**
   * Sign-in name; unique, kept in lower case.
   */
  email: string;
  role: UserRole;
  institutions: UserInstitutions;
  official?: OfficialCode;
  /**
   * A disabled account cannot sign in and its tokens stop working.
   */
  disabled?: boolean;
  createdAt?: DateTime;
  updatedAt?: DateTime;
}
/**
 * A nil return: the official's statement that a month had no meetings, trips or gifts, so that nothing happened differs from nothing logged.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AttestationInput".
 */
export interface AttestationInput {
  official: OfficialCode;
  institution: InstitutionCode;
  month: YearMonth;
  /**
   * Which registers had nothing that month; at least one must be true.
   */
  covers: {
    meetings: boolean;
    trips: boolean;
    gifts: boolean;
  };
  statement?: Text;
}
/**
 * A request to meet an official (solicitud de audiencia, Lobby Act art. 12): the lobbyist's side, reconciled against the official's register.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AudienceRequestInput".
 */
export interface AudienceRequestInput {
  official: OfficialCode;
  institution: InstitutionCode;
  code?: RecordCode;
  /**
   * The people who would attend.
   *
   * @minItems 1
   * @maxItems 50
   */
  requesters: [
    {
      name: Name;
      person?: ObjectId;
      kind?: "lobbyist" | "interest-manager";
      run?: Rut;
      contact?: Contact;
    },
    ...{
      name: Name;
      person?: ObjectId;
      kind?: "lobbyist" | "interest-manager";
      run?: Rut;
      contact?: Contact;
    }[]
  ];
  /**
   * On whose behalf the request is made, with the details art. 12 requires.
   *
   * @minItems 1
   * @maxItems 50
   */
  represents: [
    {
      organization?: ObjectId;
      name: Name;
      taxId?: Rut;
      lineOfBusiness?: ShortText;
      domicile?: Address;
      legalRepresentative?: Name;
      /**
       * @maxItems 100
       */
      directors?: Name[];
    },
    ...{
      organization?: ObjectId;
      name: Name;
      taxId?: Rut;
      lineOfBusiness?: ShortText;
      domicile?: Address;
      legalRepresentative?: Name;
      /**
       * @maxItems 100
       */
      directors?: Name[];
    }[]
  ];
  /**
   * Whether the requesters are paid for the representation (lobbyist) or not (interest manager).
   */
  paid: boolean;
  subject: Text;
  subjectCategories?: SubjectCategories;
  decisionSought?: Text;
  modality?: Modality;
  /**
   * @maxItems 10
   */
  proposedDates?:
    | []
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ]
    | [
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        },
        {
          startsAt: DateTime;
          endsAt?: DateTime;
        }
      ];
}
/**
 * One entry of the append-only audit log: who did what to which record, when, and why. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "AuditEventInput".
 */
export interface AuditEventInput {
  /**
   * A signed-in user, or the system itself (start-up, scheduled scans, the command line).
   */
  actor: {
    kind: "user" | "system" | "cli";
    id?: UserId;
    role?: "admin" | "oversight" | "registrar" | "official";
  };
  /**
   * What was done, as <kind>.<verb>, e.g. user.create, meeting.withdraw.
   */
  action: string;
  /**
   * The record acted on.
   */
  subject: {
    kind: string;
    id: string;
  };
  /**
   * Why, when the actor gave one.
   */
  reason?: string;
  /**
   * Top-level fields the action changed; the revisions collection keeps the values.
   *
   * @maxItems 200
   */
  changes?: string[];
  /**
   * The HTTP request that caused it, to match the logs.
   */
  requestId?: string;
}
/**
 * The body of a withdrawal: why the record is withdrawn. Required; shown publicly with the notice.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "WithdrawalRequest".
 */
export interface WithdrawalRequest {
  reason: Text;
}
/**
 * An account's password hash, kept apart from the user document so no query for users can ever return it. Never exposed by the API.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "CredentialInput".
 */
export interface CredentialInput {}
/**
 * The answer of GET /declarations/{id}/changes: fields outside the sections, then every section with the items added, removed and changed (paired by a natural key). Documentation only; never stored.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationChanges".
 */
export interface DeclarationChanges {
  declaration: ObjectId;
  since: ObjectId;
  official: OfficialCode;
  /**
   * @maxItems 2000
   */
  fields: {
    /**
     * Dotted path, e.g. declarant.civilStatus.
     */
    field: string;
    before?: unknown;
    after?: unknown;
  }[];
  /**
   * Every section, even when unchanged.
   */
  sections: {
    activities?: DeclarationSectionChanges;
    realEstate?: DeclarationSectionChanges;
    waterRights?: DeclarationSectionChanges;
    concessions?: DeclarationSectionChanges;
    vehicles?: DeclarationSectionChanges;
    shipsAndAircraft?: DeclarationSectionChanges;
    companyStakes?: DeclarationSectionChanges;
    securities?: DeclarationSectionChanges;
    mandates?: DeclarationSectionChanges;
    liabilities?: DeclarationSectionChanges;
    spouseOrPartner?: DeclarationSectionChanges;
    childrenAndWardsAssets?: DeclarationSectionChanges;
    relatives?: DeclarationSectionChanges;
    otherInterests?: DeclarationSectionChanges;
  };
}
/**
 * Items added, removed and changed (paired by a natural key). Documentation only; never stored.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationSectionChanges".
 */
export interface DeclarationSectionChanges {
  /**
   * @maxItems 2000
   */
  added: unknown[];
  /**
   * @maxItems 2000
   */
  removed: unknown[];
  /**
   * @maxItems 2000
   */
  changed: {
    before?: unknown;
    after?: unknown;
    /**
     * @maxItems 200
     */
    fields: string[];
  }[];
}
/**
 * The answer of GET /organizations/{id}/declared-by: per official, the current filing naming the organisation and where it does; paged by official. Documentation only; never stored.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationDeclaredBy".
 */
export interface DeclarationDeclaredBy {
  organization: ObjectId;
  /**
   * @maxItems 200
   */
  items: {
    official?: OfficialCode;
    institution?: InstitutionCode;
    declaration?: ObjectId;
    type?: "initial" | "periodic" | "exit" | "rectification";
    submittedAt?: DateTime;
    /**
     * @maxItems 1000
     */
    mentions?: {
      section: string;
      pointer: string;
      item?: unknown;
    }[];
  }[];
  next: string | null;
  limit: number;
}
/**
 * One Probity Act filing (declaración de intereses y patrimonio, Ley 20.880 arts. 7–8, DS 2 art. 12). A later filing never overwrites an earlier one.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "DeclarationInput".
 */
export interface DeclarationInput {
  official: OfficialCode;
  institution: InstitutionCode;
  /**
   * initial (on taking office), periodic (yearly update in March), exit (on leaving), rectification (corrects an earlier filing).
   */
  type: "initial" | "periodic" | "exit" | "rectification";
  rectifies?: ObjectId;
  /**
   * Identification of the declarant (DS 2 art. 12).
   */
  declarant: {
    name?: PersonName;
    run?: Rut;
    /**
     * Estado civil.
     */
    civilStatus?: "single" | "married" | "civil-union" | "separated" | "divorced" | "widowed";
    domicile?: Address;
    profession?: ShortText;
    post: ShortText;
    /**
     * Grado.
     */
    grade?: string;
    startDate: IsoDate;
    endDate?: IsoDate;
  };
  /**
   * Professional and economic activities, current and during the previous 12 months.
   *
   * @maxItems 100
   */
  activities?: DeclarationActivity[];
  /**
   * Bienes inmuebles, in Chile and abroad.
   *
   * @maxItems 200
   */
  realEstate?: DeclarationRealEstate[];
  /**
   * Derechos de aprovechamiento de aguas.
   *
   * @maxItems 200
   */
  waterRights?: DeclarationWaterRight[];
  /**
   * Concesiones (mining, aquaculture, maritime, ...).
   *
   * @maxItems 200
   */
  concessions?: DeclarationConcession[];
  /**
   * Vehículos motorizados.
   *
   * @maxItems 100
   */
  vehicles?: DeclarationVehicle[];
  /**
   * Naves y aeronaves.
   *
   * @maxItems 50
   */
  shipsAndAircraft?: DeclarationShipOrAircraft[];
  /**
   * Acciones o derechos en sociedades, in Chile and abroad.
   *
   * @maxItems 200
   */
  companyStakes?: DeclarationCompanyStake[];
  /**
   * Valores e instrumentos financieros.
   *
   * @maxItems 500
   */
  securities?: DeclarationSecurity[];
  /**
   * Mandatos especiales de administración de cartera (art. 26).
   *
   * @maxItems 20
   */
  mandates?:
    | []
    | [DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate, DeclarationMandate]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ]
    | [
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate,
        DeclarationMandate
      ];
  /**
   * Pasivos over 100 UTM; child-support debts at any amount (Ley 21.389).
   *
   * @maxItems 200
   */
  liabilities?: DeclarationLiability[];
  /**
   * Cónyuge o conviviente civil.
   *
   * @maxItems 1
   */
  spouseOrPartner?: [] | [DeclarationSpouseOrPartner];
  /**
   * Bienes de hijos sujetos a patria potestad y de personas bajo tutela o curatela.
   *
   * @maxItems 30
   */
  childrenAndWardsAssets?: DeclarationChildOrWard[];
  /**
   * Parientes (declarants of art. 4 Nº1–4). Only first-degree direct-line relatives (parents, children) are published: a rule the declaration presenter applies, beyond x-private.
   *
   * @maxItems 100
   */
  relatives?: DeclarationRelative[];
  /**
   * Other interests and voluntary conflicts declared.
   *
   * @maxItems 100
   */
  otherInterests?: DeclarationOtherInterest[];
  note?: LongText;
}
/**
 * A Lobby Act official or protocol gift (donativo oficial o protocolar) received by an official.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "GiftInput".
 */
export interface GiftInput {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  date: IsoDate;
  description: Text;
  occasion?: ShortText;
  /**
   * Who gave it: a registered organisation or person, or a name as given. Optional: InfoLobby publishes no donor for gifts.
   */
  donor?: {
    organization?: ObjectId;
    person?: ObjectId;
    name?: Name;
    taxId?: Rut;
  };
  estimatedValue?: Money;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
}
/**
 * A document that every transaction checking one rule across several documents writes (for example that an active admin remains), so that two such transactions running at once conflict and one is retried, seeing the other's change. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "GuardInput".
 */
export interface GuardInput {
  /**
   * How many transactions have written it.
   */
  version: number;
}
/**
 * The first answer to a create sent with an Idempotency-Key, kept so a replay gets the same answer and creates nothing. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "IdempotencyKeyInput".
 */
export interface IdempotencyKeyInput {
  /**
   * SHA-256 of the request body, to refuse the same key with a different body.
   */
  requestHash: string;
  status: number;
  location?: string;
  body: {};
  createdAt: DateTime;
  /**
   * When the database drops the key (a TTL index): a BSON date, not a string, since a TTL index ignores strings. A replay after it creates anew.
   */
  expiresAt?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A public body whose officials keep Lobby Act registers or file Probity Act declarations (organismo).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "InstitutionInput".
 */
export interface InstitutionInput {
  code: InstitutionCode;
  name: Name;
  kind:
    | "ministry"
    | "undersecretariat"
    | "public-service"
    | "presidential-delegation"
    | "regional-government"
    | "municipality"
    | "congress"
    | "judiciary"
    | "prosecution"
    | "comptroller"
    | "central-bank"
    | "armed-forces"
    | "police"
    | "autonomous-body"
    | "state-company"
    | "university"
    | "other";
  region?: Region;
}
/**
 * A Lobby Act meeting (audiencia o reunión) of an official with lobbyists or interest managers.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "MeetingInput".
 */
export interface MeetingInput {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  startsAt: DateTime;
  endsAt?: DateTime;
  place?: ShortText;
  /**
   * Comuna (lugar).
   */
  commune?: string;
  modality: Modality;
  subject: Text;
  subjectCategories?: SubjectCategories;
  /**
   * Lobbyists and interest managers who attended (datosActivos).
   *
   * @minItems 1
   * @maxItems 100
   */
  attendees: [
    {
      person?: ObjectId;
      name?: Name;
      /**
       * lobbyist (paid, lobbista) or interest-manager (unpaid, gestor de intereses).
       */
      kind: "lobbyist" | "interest-manager";
      /**
       * Whether the attendee is paid for the representation (remunerado).
       */
      paid: boolean;
      /**
       * On whose behalf the attendee came (representados).
       *
       * @maxItems 50
       */
      represents?: OrganizationRef[];
    },
    ...{
      person?: ObjectId;
      name?: Name;
      /**
       * lobbyist (paid, lobbista) or interest-manager (unpaid, gestor de intereses).
       */
      kind: "lobbyist" | "interest-manager";
      /**
       * Whether the attendee is paid for the representation (remunerado).
       */
      paid: boolean;
      /**
       * On whose behalf the attendee came (representados).
       *
       * @maxItems 50
       */
      represents?: OrganizationRef[];
    }[]
  ];
  /**
   * Attendees who are neither lobbyists nor interest managers (otrosAsistentes), e.g. advisers.
   *
   * @maxItems 100
   */
  otherAttendees?: {
    name: Name;
    role?: ShortText;
  }[];
  /**
   * Entities represented in the meeting as a whole (datosRepresentados).
   *
   * @maxItems 50
   */
  representedEntities?: OrganizationRef[];
  audienceRequest?: ObjectId;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
}
/**
 * A public official obliged by the Lobby Act (sujeto pasivo) and/or the Probity Act (declarant).
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "OfficialInput".
 */
export interface OfficialInput {
  code: OfficialCode;
  name: PersonName;
  /**
   * Posts held (cargos), current and past. A position without 'to' is current.
   *
   * @minItems 1
   * @maxItems 100
   */
  positions: [
    {
      institution: InstitutionCode;
      title: ShortText;
      from: IsoDate;
      to?: IsoDate;
    },
    ...{
      institution: InstitutionCode;
      title: ShortText;
      from: IsoDate;
      to?: IsoDate;
    }[]
  ];
  /**
   * Which registers the official must keep: the Lobby Act agenda, the Probity Act declarations.
   */
  duties: {
    agenda: boolean;
    declarations: boolean;
  };
  run?: Rut;
}
/**
 * Merges a duplicate organisation into the one addressed: the duplicate keeps its record and history and points to the survivor.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "OrganizationMerge".
 */
export interface OrganizationMerge {
  duplicate: ObjectId;
  reason: Text;
}
/**
 * An organisation on the other side: an entity represented in a meeting, a donor, a trip funder or a lobbying firm. Duplicates are merged, never deleted.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "OrganizationInput".
 */
export interface OrganizationInput {
  name: Name;
  taxId?: Rut;
  country?: CountryCode;
  /**
   * How the organisation appears in the registers.
   *
   * @maxItems 4
   */
  roles?:
    | []
    | ["represented" | "donor" | "funder" | "lobbying-firm"]
    | ["represented" | "donor" | "funder" | "lobbying-firm", "represented" | "donor" | "funder" | "lobbying-firm"]
    | [
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm"
      ]
    | [
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm",
        "represented" | "donor" | "funder" | "lobbying-firm"
      ];
  lineOfBusiness?: ShortText;
  domicile?: Address;
  /**
   * Representante legal.
   */
  legalRepresentative?: {
    name: Name;
    run?: Rut;
  };
  /**
   * Directorio.
   *
   * @maxItems 100
   */
  directors?: {
    name: Name;
    run?: Rut;
    role?: ShortText;
  }[];
}
/**
 * A person on the other side of the register: a paid lobbyist (lobbista), an unpaid interest manager (gestor de intereses) or another attendee.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "PersonInput".
 */
export interface PersonInput {
  name: PersonName;
  /**
   * lobbyist: paid (lobbista); interest-manager: unpaid (gestor de intereses); attendee: neither.
   */
  kind: "lobbyist" | "interest-manager" | "attendee";
  taxId?: Rut;
  contact?: Contact;
  organization?: ObjectId;
}
/**
 * How many requests one client made of a rate-limited route in the current window, kept in the database so every instance of the service counts against the same limit and a restart does not reset it. Written by the server only.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "RateLimitInput".
 */
export interface RateLimitInput {
  /**
   * Requests counted in the current window.
   */
  hits: number;
  /**
   * When the current window ends and the count starts again: a BSON date, not a string, so a TTL index can drop counters long past (the embedded engine keeps them).
   */
  resetAt: {
    [k: string]: unknown | undefined;
  };
}
/**
 * One version of a register record: the full snapshot after a change, who made it, when, why, and which fields changed. Written by the server only; never changed or deleted.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "RevisionInput".
 */
export interface RevisionInput {
  /**
   * The document kind, e.g. meeting.
   */
  kind: string;
  record: string;
  revision: Revision;
  /**
   * create, update, withdraw, merge or another verb of the record's kind.
   */
  action: string;
  at: DateTime;
  /**
   * The account that made the change, and its role at the time.
   */
  by: {
    kind: "user" | "system" | "cli";
    id?: UserId;
    role?: "admin" | "oversight" | "registrar" | "official";
  };
  /**
   * Why, when the author gave one (always for a withdrawal or a merge).
   */
  reason?: string;
  /**
   * Top-level fields that differ from the previous version.
   *
   * @maxItems 200
   */
  changes: string[];
  /**
   * The whole record as it stood after the change.
   */
  snapshot: {};
}
/**
 * A Lobby Act trip (viaje) made by an official in the exercise of the post.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "TripInput".
 */
export interface TripInput {
  official: OfficialCode;
  institution: InstitutionCode;
  officialPosition?: ShortText;
  code?: RecordCode;
  startDate: IsoDate;
  endDate?: IsoDate;
  /**
   * descripcion in InfoLobby.
   */
  destination: {
    place: ShortText;
    country?: CountryCode;
  };
  purpose: Text;
  activityKind?: ShortText;
  /**
   * Who paid (datosFinancistas). A funder with informed=false stands for the source's S/I (sin información).
   *
   * @maxItems 50
   */
  funders: {
    organization?: ObjectId;
    name?: Name;
    taxId?: Rut;
    /**
     * false when the funder was not informed (S/I).
     */
    informed: boolean;
  }[];
  cost: Money;
  notes?: Text;
  registeredAtSource?: DateTime;
  updatedAtSource?: DateTime;
}
/**
 * Body of PUT /api/v1/users/{id}/role: the new role and its scope, replacing the old.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserRoleChange".
 */
export interface UserRoleChange {
  role: UserRole;
  institutions?: UserInstitutions;
  official?: OfficialCode;
}
/**
 * Body of POST /api/v1/auth/token.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserCredentials".
 */
export interface UserCredentials {
  email: string;
  password: string;
}
/**
 * An account. Admins manage accounts; oversight staff review; registrars keep the registers of their institutions; an official files for themself. The password is only ever sent, never shown.
 *
 * This interface was referenced by `DocumentKinds`'s JSON-Schema
 * via the `definition` "UserInput".
 */
export interface UserInput {
  /**
   * Sign-in name; unique, kept in lower case.
   */
  email: string;
  role: UserRole;
  institutions: UserInstitutions;
  official?: OfficialCode;
  /**
   * Only when creating the account; stored as a scrypt hash, never returned.
   */
  password?: string;
}
