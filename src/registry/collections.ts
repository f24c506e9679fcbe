/** Collection names of the registers; other modules (compliance, importers) read them by these names. */
export const INSTITUTIONS = 'institutions';
export const OFFICIALS = 'officials';
export const PEOPLE = 'people';
export const ORGANIZATIONS = 'organizations';
export const MEETINGS = 'meetings';
export const TRIPS = 'trips';
export const GIFTS = 'gifts';
export const ATTESTATIONS = 'attestations';
export const AUDIENCE_REQUESTS = 'audienceRequests';
