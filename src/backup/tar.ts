// The part of POSIX ustar that backups need: headers of regular files (written and read back,
// checksum checked), the end-of-archive marker, and a reader that streams each member's bytes
// out of any async byte source without holding a whole file in memory.

import { BackupFormatError } from './archive-format.ts';

export const BLOCK = 512;
/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);
/** The size field holds 11 octal digits. */
export const MAX_TAR_FILE_SIZE = 8 ** 11 - 1;

export interface TarHeader {
  readonly name: string;
  readonly size: number;
}

/** Zero bytes that pad a member of `size` bytes to a whole block. */
export function paddingFor(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function writeString(block: Buffer, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new RangeError(`tar field too long: ${text}`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new RangeError(`path too long for a tar archive: ${path}`);
}

/** The 512-byte header of a regular file (mode 0600: backups hold password hashes). */
export function tarHeader(path: string, size: number, mtimeSeconds: number): Buffer {
  if (size > MAX_TAR_FILE_SIZE) throw new RangeError(`${path}: larger than a tar member may be`);
  const block = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(path);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o600);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.max(0, Math.floor(mtimeSeconds)));
  block.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  block[156] = 0x30; // '0': regular file
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  writeString(block, 148, 8, `${checksum(block).toString(8).padStart(6, '0')}\0 `);
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) {
    sum += index >= 148 && index < 156 ? 0x20 : (block[index] ?? 0);
  }
  return sum;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number, what: string): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new BackupFormatError(`bad tar header: ${what} "${text}"`);
  return Number.parseInt(text, 8);
}

/** The header in `block`, or undefined for a zero block (the end marker). */
export function parseTarHeader(block: Buffer): TarHeader | undefined {
  if (block.every((byte) => byte === 0)) return undefined;
  if (readOctal(block, 148, 8, 'checksum') !== checksum(block)) {
    throw new BackupFormatError('bad tar header: checksum mismatch (the archive is corrupt)');
  }
  if (readString(block, 257, 6) !== 'ustar') {
    throw new BackupFormatError('bad tar header: not a ustar archive');
  }
  const type = block[156];
  if (type !== 0x30 && type !== 0) {
    throw new BackupFormatError('bad tar header: only regular files belong in a Hearth backup');
  }
  const prefix = readString(block, 345, 155);
  const name = readString(block, 0, 100);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    size: readOctal(block, 124, 12, 'size'),
  };
}

/** Reads tar members one after the other from a stream of bytes (e.g. a gunzip stream). */
export class TarReader {
  readonly #source: AsyncIterator<Buffer>;
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;
  #unread = 0;
  #unreadPadding = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** The next member's header (after skipping what is left of the current one), or undefined. */
  async next(): Promise<TarHeader | undefined> {
    await this.#skipContent();
    await this.#take(this.#unreadPadding);
    this.#unreadPadding = 0;
    const header = parseTarHeader(await this.#take(BLOCK));
    if (header === undefined) return undefined;
    this.#unread = header.size;
    this.#unreadPadding = paddingFor(header.size);
    return header;
  }

  /** The current member's bytes, in chunks, as they arrive. */
  async *content(): AsyncGenerator<Buffer> {
    while (this.#unread > 0) {
      if (this.#buffer.length === 0 && !(await this.#pull())) throw truncated();
      const chunk = this.#buffer.subarray(0, Math.min(this.#unread, this.#buffer.length));
      this.#buffer = this.#buffer.subarray(chunk.length);
      this.#unread -= chunk.length;
      yield chunk;
    }
  }

  /** Reads the source to its end (so a gzip source checks its trailer); the bytes are ignored. */
  async drain(): Promise<void> {
    this.#buffer = Buffer.alloc(0);
    while (await this.#pull()) this.#buffer = Buffer.alloc(0);
  }

  async #skipContent(): Promise<void> {
    const content = this.content();
    while ((await content.next()).done !== true);
  }

  async #take(length: number): Promise<Buffer> {
    while (this.#buffer.length < length) {
      if (!(await this.#pull())) throw truncated();
    }
    const bytes = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return bytes;
  }

  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    const result = await this.#source.next();
    if (result.done === true) {
      this.#ended = true;
      return false;
    }
    const chunk = result.value;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    return true;
  }
}

function truncated(): BackupFormatError {
  return new BackupFormatError('the archive ends in the middle of a member (truncated)');
}
