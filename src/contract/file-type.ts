/** The document files a file field may take. WARNING: persisted in form definitions. */
export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** How many leading bytes sniffFileType needs. */
export const FILE_SIGNATURE_BYTES = 8;

const SIGNATURES: readonly { type: FileType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * A file's type from its first bytes (its "magic number"), or null for anything else: a name or a
 * browser's guess can lie, the bytes cannot. Run on the phone before keeping a file, and by the
 * server on what arrives.
 */
export function sniffFileType(head: Uint8Array): FileType | null {
  return SIGNATURES.find(({ bytes }) => bytes.every((b, i) => head[i] === b))?.type ?? null;
}

export function isFileType(value: unknown): value is FileType {
  return typeof value === 'string' && (FILE_TYPES as readonly string[]).includes(value);
}
