// Text of a correction made when the store was opened (StoreWarning), for the TUI banner and CLI stderr.
import type {StoreWarning} from '../store/types.js';
import type {Translate} from '../i18n/index.js';

export const storeWarningText = (w: StoreWarning, t: Translate): string =>
  t(w.code === 'permissionsFixed' ? 'store.permissionsFixed' : 'store.permissionsNotFixed', {path: w.path, was: w.was, now: w.now});
