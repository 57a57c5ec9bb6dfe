const REF = /^sha256:([0-9a-f]{64})$/;

/** The answer a photo field stores: the SHA-256 of the uploaded file, which is also its address. */
export function attachmentRef(sha256: string): string {
  return `sha256:${sha256}`;
}

/** The SHA-256 inside an attachment answer, or null when the answer is not one. */
export function parseAttachmentRef(value: unknown): string | null {
  return typeof value === 'string' ? (REF.exec(value)?.[1] ?? null) : null;
}

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
