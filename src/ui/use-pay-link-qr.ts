import { useEffect, useState } from 'preact/hooks';

/**
 * The QR code of a pay link as an SVG data URL, or null until it is drawn (and for no link). What
 * draws it is loaded here, on first use, so the QR library is never part of the first screen's bytes.
 */
export function usePayLinkQr(link: string | null): string | null {
  const [drawn, setDrawn] = useState<{ link: string; src: string } | null>(null);
  useEffect(() => {
    if (!link) return undefined;
    let live = true;
    void import('./pay-link-svg').then(({ payLinkSvg }) => {
      if (live) setDrawn({ link, src: payLinkSvg(link) });
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [link]);
  // A code drawn for the link before is never shown for another.
  return drawn && drawn.link === link ? drawn.src : null;
}
