import { deserialize, type DeserializeOptions, type Document } from 'bson';

/** Splits a run of concatenated BSON documents (each starts with its own int32 length) into decoded documents. */
export function decodeDocuments(body: Buffer, options: DeserializeOptions): Document[] {
  const out: Document[] = [];
  let at = 0;
  while (at < body.length) {
    if (body.length - at < 5) throw new Error(`corrupt record run: ${body.length - at} stray bytes`);
    const size = body.readInt32LE(at);
    if (size < 5 || at + size > body.length) throw new Error(`corrupt record run: document of ${size} bytes at ${at}`);
    out.push(deserialize(body.subarray(at, at + size), options));
    at += size;
  }
  return out;
}

/** Counts the documents in a run without decoding them. */
export function countDocuments(body: Buffer): number {
  let n = 0;
  for (let at = 0; at < body.length; n++) {
    const size = body.length - at >= 4 ? body.readInt32LE(at) : 0;
    if (size < 5 || at + size > body.length) return -1;
    at += size;
  }
  return n;
}
