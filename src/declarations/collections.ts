/** The declarations collection, and the register collections this module reads by name (the registers own them). */
export const DECLARATIONS = 'declarations';
export const OFFICIALS = 'officials';
export const INSTITUTIONS = 'institutions';
export const ORGANIZATIONS = 'organizations';
