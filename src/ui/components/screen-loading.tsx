import { useT } from '../use-t';

/**
 * What a screen shows while its data comes from the phone's database: the page's level-one heading
 * says so, so that at no moment is there a page without one (a screen reader jumps to it, and axe
 * asks for it). On a slow phone this can last a second or more.
 */
export function ScreenLoading() {
  const { t } = useT();
  return <h1 class="screen-loading">{t('home.loading')}</h1>;
}
