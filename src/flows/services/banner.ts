// Bound use cases of the start-up banner on the main menu.
import type {Translate} from '../../i18n/index.js';
import type {StoreWarning} from '../../store/types.js';
import {startupAlerts} from '../startup-alerts.js';
import type {ServiceDeps} from './deps.js';

export function bannerServices(deps: ServiceDeps) {
  return {
    /** The banner lines for the logged-in operator (expiring certificates, renewal plan, pending enrollments). */
    alerts: (now: Date, t: Translate): Promise<string[]> =>
      deps.operator ? startupAlerts(deps.store, deps.operator, deps.workstation, now, t) : Promise.resolve([]),
    /** Corrections made when the store was opened (e.g. folder permissions). */
    storeWarnings: (): readonly StoreWarning[] => deps.store.warnings ?? [],
    /** Identity of the store (the banner is read once per store and operator). */
    storeKey: deps.store as object,
  };
}
