import type { ServiceSummary } from '../../contract/index';
import { useT } from '../use-t';

/** Services as links to their passports; `similar` marks those found by a loose match or a typo. */
export function ServiceList({ services, similar, testId }: { services: ServiceSummary[]; similar?: Set<string>; testId?: string }) {
  const { t, pick } = useT();
  return (
    <ul class="service-list" data-testid={testId}>
      {services.map((service) => (
        <li key={service.id}>
          <a href={`/services/${service.id}/about`}>{pick(service.name)}</a>
          {similar?.has(service.id) ? <span class="muted"> ({t('catalogue:search.similar')})</span> : null}
          <span class="muted service-fee">{pick(service.fee)}</span>
        </li>
      ))}
    </ul>
  );
}
