import { PACK_LIMITS } from './limits.ts';
import type { Pack } from './schema.ts';

/**
 * The distributable pack file: one JSON document, gzip-compressed. One document because a pack is
 * checked and stored whole (nothing to reassemble, no archive paths to trust); gzip because fact
 * text compresses several times over and both browsers and node decompress it natively
 * (DecompressionStream), so no library or archive format is needed. A plain .json file of the
 * same document is accepted too, for authors trying a pack out.
 */
export const PACK_FILE_EXTENSION = '.slpack';

/**
 * Why a whole file was refused, so the Packs view can say it in the reader's language. The problem
 * lines themselves name fields of an English-specified format and are also the CLI's output: they
 * stay English.
 */
export type Refusal =
  | { reason: 'empty' }
  | { reason: 'too-large'; limitBytes: number }
  | { reason: 'not-a-pack' }
  | { reason: 'newer-format'; format: number }
  | { reason: 'newer-app'; version: string }
  | { reason: 'no-room' };

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

class TooLarge extends Error {
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}

/** The JSON text of a pack file, decompressed if it is gzip, refusing anything over the limits on the way. */
async function packText(bytes: Uint8Array): Promise<string> {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzip) {
    if (bytes.length > PACK_LIMITS.jsonBytes)
      throw new TooLarge(`is ${mb(bytes.length)} of JSON; at most ${mb(PACK_LIMITS.jsonBytes)} are read`, PACK_LIMITS.jsonBytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw new Error('is not a complete gzip file (it may be damaged or cut short)');
    }
    if (read.done) break;
    size += read.value.length;
    // A small file can unpack to a huge one: stop as soon as it passes the limit.
    if (size > PACK_LIMITS.jsonBytes) {
      await reader.cancel();
      throw new TooLarge(`unpacks to more than ${mb(PACK_LIMITS.jsonBytes)}; at most that much is read`, PACK_LIMITS.jsonBytes);
    }
    chunks.push(read.value);
  }
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(joined);
}

/** The parsed JSON of a pack file, or the one problem that stopped reading it (named by `file`). */
export async function readPackFile(bytes: Uint8Array, file: string): Promise<{ data: unknown } | { problems: string[]; refusal: Refusal }> {
  if (bytes.length === 0) return { problems: [`${file}: is empty`], refusal: { reason: 'empty' } };
  if (bytes.length > PACK_LIMITS.fileBytes) {
    return {
      problems: [`${file}: is ${mb(bytes.length)}; a pack file may be at most ${mb(PACK_LIMITS.fileBytes)}`],
      refusal: { reason: 'too-large', limitBytes: PACK_LIMITS.fileBytes },
    };
  }
  let text: string;
  try {
    text = await packText(bytes);
  } catch (error) {
    if (error instanceof TooLarge)
      return { problems: [`${file}: ${error.message}`], refusal: { reason: 'too-large', limitBytes: error.limitBytes } };
    const message = error instanceof TypeError ? 'is not UTF-8 text' : (error as Error).message;
    return { problems: [`${file}: ${message}`], refusal: { reason: 'not-a-pack' } };
  }
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (error) {
    return { problems: [`${file}: is not valid JSON (${(error as Error).message})`], refusal: { reason: 'not-a-pack' } };
  }
}

/** A pack as its distributable file: its JSON, gzip-compressed. */
export async function writePackFile(pack: Pack): Promise<Uint8Array> {
  const json = new TextEncoder().encode(`${JSON.stringify(pack)}\n`);
  const compressed = new Blob([json as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}
