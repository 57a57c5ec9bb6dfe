import { useT } from '../use-t';

export function NotFoundScreen() {
  const { t } = useT();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p><a href="/">{t('notFound.home')}</a></p>
    </>
  );
}
