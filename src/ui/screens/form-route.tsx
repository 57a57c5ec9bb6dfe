import { useEffect } from 'preact/hooks';
import { useCatalogueStore } from '../use-catalogue';
import { FormScreen } from './form-screen';

/** The form, fetched on first open when it is not on the device yet, and counted as a use of the service. */
export function FormRoute({ id }: { id: string }) {
  const store = useCatalogueStore();
  useEffect(() => {
    if (!store) return;
    void store.recordUse(id);
    void store.fetchFormOnOpen(id);
  }, [store, id]);
  return <FormScreen id={id} />;
}
