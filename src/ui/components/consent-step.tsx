import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_SIGNATURE_CHARS, type Consent } from '../../contract/index';
import { useT } from '../use-t';
import { sameName } from './same-name';

/** The drawing surface, in CSS pixels; small enough that its PNG stays well under MAX_SIGNATURE_CHARS. */
const PAD_WIDTH_PX = 280;
const PAD_HEIGHT_PX = 110;


/**
 * The resident's consent to an application made for them (docs/security.md): they type their own name, or
 * sign with a finger. Calls onChange with a complete Consent, or null while it is not given.
 */
export function ConsentStep({ residentName, operatorName, onChange, problem }: {
  residentName: string; operatorName: string; onChange: (consent: Consent | null) => void; problem: boolean;
}) {
  const { t } = useT();
  const [method, setMethod] = useState<Consent['method']>('typed');
  const [typed, setTyped] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    if (method === 'typed') onChange(sameName(typed, residentName) ? { confirmedAt: new Date().toISOString(), method, typedName: typed.trim() } : null);
    else onChange(signature ? { confirmedAt: new Date().toISOString(), method, signature } : null);
  }, [method, typed, signature]);

  const point = (event: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return [(event.clientX - box.left) * (PAD_WIDTH_PX / box.width), (event.clientY - box.top) * (PAD_HEIGHT_PX / box.height)] as const;
  };
  const start = (event: PointerEvent) => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    drawing.current = true;
    canvas.current!.setPointerCapture(event.pointerId);
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.strokeStyle = '#1a1a1a';
    g.beginPath();
    g.moveTo(...point(event));
  };
  const move = (event: PointerEvent) => {
    if (!drawing.current) return;
    const g = canvas.current!.getContext('2d')!;
    g.lineTo(...point(event));
    g.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    const png = canvas.current!.toDataURL('image/png');
    setSignature(png.length <= MAX_SIGNATURE_CHARS ? png : null);
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, PAD_WIDTH_PX, PAD_HEIGHT_PX);
    setSignature(null);
  };

  return (
    <fieldset class="consent" aria-describedby="consent-text">
      <legend>{t('session:consent.title')}</legend>
      <p id="consent-text">{t('session:consent.text', { resident: residentName, operator: operatorName })}</p>
      {problem ? <p class="field-error" role="alert">{t('session:consent.missing')}</p> : null}
      <div class="choices">
        <label><input type="radio" name="consent-method" checked={method === 'typed'} onChange={() => setMethod('typed')} /> {t('session:consent.typed')}</label>
        <label><input type="radio" name="consent-method" checked={method === 'signature'} onChange={() => setMethod('signature')} /> {t('session:consent.signature')}</label>
      </div>
      {method === 'typed' ? (
        <label class="field">
          {t('session:consent.typeName', { resident: residentName })}
          <input type="text" autocomplete="off" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} data-testid="consent-name" />
        </label>
      ) : (
        <div class="signature">
          <canvas ref={canvas} width={PAD_WIDTH_PX} height={PAD_HEIGHT_PX} role="img" aria-label={t('session:consent.pad')}
            onPointerDown={start} onPointerMove={move} onPointerUp={end} onPointerCancel={end} data-testid="signature-pad" />
          <button type="button" onClick={clear}>{t('session:consent.clear')}</button>
        </div>
      )}
    </fieldset>
  );
}
