/**
 * Text normalisation for search and for matching names across sources that disagree on case, accents and
 * punctuation (InfoLobby publishes the same institution with and without accents).
 */

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lowercase, accents dropped (ñ → n), every run of punctuation or space collapsed to one space, trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}

/**
 * Longest search word kept, in code points. A longer one (a pasted hash, a run of letters) is cut to this, on the
 * stored side and the query side alike, so it still matches; stored whole it would break the schema's word limit.
 */
export const MAX_TOKEN_LENGTH = 100;

function cutWord(word: string): string {
  if (word.length <= MAX_TOKEN_LENGTH) return word;
  return Array.from(word).slice(0, MAX_TOKEN_LENGTH).join('');
}

/** The distinct normalised words of the given texts, in first-seen order, for a multikey search index. */
export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const word of normalizeText(text).split(' ')) {
      if (word !== '') tokens.add(cutWord(word));
    }
  }
  return [...tokens];
}

/**
 * Legal-form suffixes, as word sequences after normalisation. Longer forms come first so that
 * "sociedad anonima cerrada" is removed whole rather than leaving "sociedad anonima".
 */
const LEGAL_SUFFIXES: string[][] = [
  'sociedad anonima cerrada', 'sociedad anonima abierta', 'sociedad anonima', 'sociedad por acciones',
  'sociedad de responsabilidad limitada', 'empresa individual de responsabilidad limitada',
  'y compania', 'y cia', 'y co', 'cia', 'compania limitada',
  'sa', 'sac', 'saic', 'spa', 'ltda', 'limitada', 'eirl', 'inc', 'incorporated', 'llc', 'corp', 'corporation',
  'ltd', 'limited', 'plc', 'gmbh', 'ag', 'srl', 'sl', 'bv', 'nv',
]
  .map((suffix) => suffix.split(' '))
  .sort((a, b) => b.length - a.length);

/**
 * The name an organisation is matched by: case, accents, punctuation and trailing legal forms ignored,
 * so 'Minera Los Andes S.A.' = 'MINERA LOS ANDES SA' = 'minera los andes'. A name that is nothing but a
 * legal form is kept as is rather than reduced to nothing.
 */
export function normalizeOrganizationName(name: string): string {
  const words = joinInitials(normalizeText(name.replace(/&/g, ' y ')).split(' ').filter((word) => word !== ''));
  let end = words.length;
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (end - suffix.length < 1) continue;
      if (suffix.every((word, i) => words[end - suffix.length + i] === word)) {
        end -= suffix.length;
        stripped = true;
        break;
      }
    }
  }
  return words.slice(0, end).join(' ');
}

/** Runs of one-letter words become one word, so "S.A.", "S. A." and "SA" all read "sa", and "E.I.R.L." "eirl". */
function joinInitials(words: string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.length === 1) {
      run += word;
      continue;
    }
    if (run !== '') joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run !== '') joined.push(run);
  return joined;
}
