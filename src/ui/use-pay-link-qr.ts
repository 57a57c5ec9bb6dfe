import { useEffect, useState } from 'preact/hooks';

/** QR error correction "M": a code still scans with 15% of it smudged or glared, at a modest size. */
const QR_ECC = 'M';
/** Light modules around the code, so a camera finds its edges on any background. */
const QR_QUIET_MODULES = 2;

/**
 * The QR code of a pay link as an SVG data URL, or null until it is drawn (and for no link). The QR
 * library is loaded here, on first use, so it is never part of the first screen's bytes.
 */
export function usePayLinkQr(link: string | null): string | null {
  const [drawn, setDrawn] = useState<{ link: string; src: string } | null>(null);
  useEffect(() => {
    if (!link) return undefined;
    let live = true;
    void import('uqr').then(({ renderSVG }) => {
      const svg = renderSVG(link, { ecc: QR_ECC, border: QR_QUIET_MODULES, pixelSize: 1 });
      if (live) setDrawn({ link, src: `data:image/svg+xml,${encodeURIComponent(svg)}` });
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [link]);
  // A code drawn for the link before is never shown for another.
  return drawn && drawn.link === link ? drawn.src : null;
}
