import type { ServiceEntry } from '../../contract/index';
import { useT } from '../use-t';

/**
 * What happens after sending, with who decides and how long it takes, and where to go with a
 * question: on the service's page, on "check your answers" and beside the saved application. The
 * agency and the term are the service passport's; names stand after a label, never inside a sentence
 * that would have to decline them.
 */
export function NextSteps({ service, headingLevel = 2 }: { service: ServiceEntry; headingLevel?: 2 | 3 }) {
  const { t, pick } = useT();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="next-steps" aria-label={t('help.nextTitle')} data-testid="next-steps">
      <Heading>{t('help.nextTitle')}</Heading>
      <ol>
        <li>{t('help.sent')}</li>
        <li>{t('help.decides')} <strong>{pick(service.agency)}</strong></li>
        <li>{t('help.term')} <strong>{pick(service.term)}</strong></li>
        <li>{t('help.status')}</li>
      </ol>
      <Heading>{t('help.askTitle')}</Heading>
      <p>{t('help.ask')}</p>
    </section>
  );
}
