import { answerScope, isSectionShown, todayInTashkent } from '../../contract/index';
import { formatDateTime } from '../../core/format/format-date-time';
import { CheckAnswers } from '../components/check-answers';
import { InvoicePanel } from '../components/invoice-panel';
import { useStatusWatch, useWatch } from '../use-store';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';

/**
 * What was submitted in one application, readable on the phone after it was sent (docs/forms.md,
 * "After Submit"), under its fee when it has one: how to pay it first, as the home screen's "How to
 * pay" leads here.
 */
export function SubmittedScreen({ id }: { id: string }) {
  const { t, pick, locale } = useT();
  const item = useWatch((s) => s.queries.outboxItem(id), [id]);
  const service = useWatch((s) => (item ? s.queries.service(item.serviceId) : () => Promise.resolve(undefined)), [item?.serviceId]);
  const form = useWatch((s) => (item ? s.queries.form(item.serviceId, item.formVersion) : () => Promise.resolve(undefined)), [item?.serviceId, item?.formVersion]);
  const soato = useWatch((s) => s.queries.soato, []);
  const statuses = useStatusWatch((s) => s.statusQueries.statuses, []);
  const fee = <InvoicePanel status={statuses?.find((s) => s.id === id)} level={2} />;
  if (item === null) return <p>{t('form.notOnDevice')}</p>;
  // Without its form the answers cannot be drawn, but what is owed can.
  if (form === null) return <><h1>{service ? pick(service.name) : item?.serviceId}</h1>{fee}<p>{t('form.notOnDevice')}</p></>;
  if (item && !item.answers) {
    // Sealed to the office (docs/security.md): nobody on this phone can read the answers back, only the summary.
    return (
      <>
        <h1>{service ? pick(service.name) : item.serviceId}</h1>
        {fee}
        <p data-testid="sealed-summary">{t('session:sealed.summary', { time: formatDateTime(item.finalisedAt, locale) })}</p>
        {item.receipt ? <p>{t('outbox.receipt', { number: item.receipt.number })}</p> : null}
      </>
    );
  }
  if (!item?.answers || !form || !soato) return <ScreenLoading />;
  // Judged as of when it was finalised: an age rule or a fee reads that day, not today.
  const scope = answerScope(form, item.answers, todayInTashkent(new Date(item.finalisedAt)));
  const steps = form.sections.flatMap((section, index) => (isSectionShown(section, scope) ? [index] : []));
  return (
    <>
      <h1>{service ? pick(service.name) : item.serviceId}</h1>
      {fee}
      <h2>{t('outbox.answers')}</h2>
      {item.receipt ? <p>{t('outbox.receipt', { number: item.receipt.number })}</p> : null}
      <CheckAnswers form={form} answers={item.answers} scope={scope} soato={soato} steps={steps} />
    </>
  );
}
