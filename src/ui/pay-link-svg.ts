// Loaded on first use (use-pay-link-qr.ts): the QR library is in this chunk only, never on the first screen.
import { renderSVG } from 'uqr';

/** QR error correction "M": a code still scans with 15% of it smudged or glared, at a modest size. */
const QR_ECC = 'M';
/** Light modules around the code, so a camera finds its edges on any background. */
const QR_QUIET_MODULES = 2;

/** The QR code of a pay link as an SVG data URL, one unit per module (the image scales it). */
export function payLinkSvg(link: string): string {
  const svg = renderSVG(link, { ecc: QR_ECC, border: QR_QUIET_MODULES, pixelSize: 1 });
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
