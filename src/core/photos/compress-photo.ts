/** Long edge of a stored document photo: an A4 page stays legible (docs/performance.md, T7). */
const PHOTO_MAX_EDGE_PX = 1600;
/** Budget per photo (docs/performance.md, T7): a prepaid SIM pays for every byte. */
const PHOTO_MAX_BYTES = 250 * 1024;
/** JPEG qualities tried in turn until the photo fits the budget. */
const QUALITIES = [0.75, 0.65, 0.55, 0.45] as const;
/** When even the lowest quality is too big, shrink the long edge by this much and try again. */
const SHRINK = 0.8;

/**
 * Turns a camera photo (often 3-8 MB) into a JPEG of at most PHOTO_MAX_BYTES with the text still
 * readable. Runs wherever OffscreenCanvas does: the worker, or the page as a fallback.
 */
export async function compressPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    let edge = Math.min(PHOTO_MAX_EDGE_PX, Math.max(bitmap.width, bitmap.height));
    for (;;) {
      const scale = edge / Math.max(bitmap.width, bitmap.height);
      const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of QUALITIES) {
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
        if (blob.size <= PHOTO_MAX_BYTES) return blob;
      }
      edge = Math.floor(edge * SHRINK);
    }
  } finally {
    bitmap.close();
  }
}
