/** The only document types accepted, recognised by their leading bytes. */
const SIGNATURES: { type: DocumentContentType; magic: Buffer }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

export type DocumentContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Bytes needed to decide. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.magic.length));

/** The allowed type the content starts with, if any; the client's Content-Type plays no part. */
export function detectContentType(head: Buffer): DocumentContentType | undefined {
  return SIGNATURES.find((s) => head.subarray(0, s.magic.length).equals(s.magic))?.type;
}

/**
 * A file name safe to keep as metadata and to send back in Content-Disposition: no path, no
 * control or reserved characters, no leading dots or dashes, at most 200 characters.
 */
export function sanitizeFileName(original: string | undefined, fallback = 'document'): string {
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>:|?*]/gu, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.-]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}
