import type { FieldError } from '../http/errors.js';
import type { RecordInput } from '../records/kind.js';

type Item = Record<string, unknown>;
const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);

function periodErrors(activities: Item[], pointer: string): FieldError[] {
  return activities.flatMap((activity, index) =>
    typeof activity.from === 'string' && typeof activity.to === 'string' && activity.to < activity.from
      ? [{ pointer: `${pointer}/${index}/to`, message: 'must not be before from' }]
      : [],
  );
}

/** The rules of a filing no schema can say; each failure names its field. */
export function declarationRules(input: RecordInput): FieldError[] {
  const errors: FieldError[] = [];
  const declarant = (input.declarant ?? {}) as Item;
  if (typeof declarant.endDate === 'string' && typeof declarant.startDate === 'string' && declarant.endDate < declarant.startDate) {
    errors.push({ pointer: '/declarant/endDate', message: 'must not be before startDate' });
  }
  // An exit declaration is filed on leaving office: without the date of leaving, its deadline cannot be judged.
  if (input.type === 'exit' && declarant.endDate === undefined) {
    errors.push({ pointer: '/declarant/endDate', message: 'is required for an exit declaration' });
  }
  errors.push(...periodErrors(list(input.activities), '/activities'));
  list(input.spouseOrPartner).forEach((spouse, index) => {
    errors.push(...periodErrors(list(spouse.activities), `/spouseOrPartner/${index}/activities`));
    // The Probity Act asks for a spouse's assets only under a community regime (sociedad conyugal).
    if (spouse.assets !== undefined && spouse.propertyRegime !== 'community') {
      errors.push({ pointer: `/spouseOrPartner/${index}/assets`, message: 'is declared only under a community property regime' });
    }
  });
  return errors;
}
