/**
 * Whether an Accept-Encoding header takes `coding` (RFC 9110 12.5.3): named with no weight or a
 * weight above zero. For answers the server compressed ahead of time and sends as they are.
 */
export function acceptsEncoding(header: string | string[] | undefined, coding: 'br' | 'gzip'): boolean {
  return String(header ?? '').split(',').some((entry) => {
    const [name, ...params] = entry.trim().toLowerCase().split(';');
    if (name!.trim() !== coding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
