import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What the fingerprint needs of a multer file; storage engines differ in what they provide. */
export interface UploadedFilePart {
  fieldname: string;
  size: number;
  /** Hex SHA-256, set by a storage engine that hashes while streaming. */
  sha256?: string;
  /** Memory storage. */
  buffer?: Buffer;
  /** Disk storage. */
  path?: string;
}

export interface RequestDescription {
  method: string;
  /** Route template (`/v1/items/:id`), not the concrete path. */
  route: string;
  params: unknown;
  query: unknown;
  body: unknown;
  files: UploadedFilePart[];
}

/**
 * JSON with object keys sorted recursively (by UTF-16 code unit), arrays in their order, strings
 * as they are (no Unicode normalization), and the value otherwise as JSON.stringify sees it.
 */
export function canonicalJson(value: unknown): string {
  return serialize(JSON.parse(JSON.stringify(value) ?? 'null'));
}

function serialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialize(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over everything that makes two requests "the same request". */
export async function fingerprintOf(request: RequestDescription): Promise<Buffer> {
  const files = await Promise.all(
    request.files.map(async (file) => ({
      field: file.fieldname,
      sha256: await sha256Of(file),
      size: file.size,
    })),
  );
  const canonical = canonicalJson([
    request.method.toUpperCase(),
    request.route,
    request.params ?? {},
    request.query ?? {},
    request.body ?? null,
    files,
  ]);
  return createHash('sha256').update(canonical).digest();
}

async function sha256Of(file: UploadedFilePart): Promise<string> {
  if (file.sha256) return file.sha256.toLowerCase();
  if (file.buffer) return createHash('sha256').update(file.buffer).digest('hex');
  if (file.path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }
  throw new Error(`Uploaded file "${file.fieldname}" has neither sha256, buffer nor path`);
}

/** Every file multer attached: `request.file` and `request.files` (array or by field). */
export function uploadedFilesOf(request: object): UploadedFilePart[] {
  const { file, files: more } = request as {
    file?: UploadedFilePart;
    files?: UploadedFilePart[] | Record<string, UploadedFilePart[]>;
  };
  const files: UploadedFilePart[] = file ? [file] : [];
  if (Array.isArray(more)) files.push(...more);
  else if (more) {
    for (const field of Object.keys(more).sort()) files.push(...more[field]);
  }
  return files;
}
