// English texts: store warnings and errors. Typed against ../pl/store.ts: every Polish key needs an English text.
import type {store as pl} from '../pl/store.js';

export const store: Record<keyof typeof pl, string> = {
  'store.permissionsFixed': 'Warning: {path} was accessible to other users (mode {was}) — changed to {now}. Check who could have read the keys.',
  'store.permissionsNotFixed': 'Warning: {path} is accessible to other users (mode {was}) and the program cannot change that — set {now} (chmod {now} {path}).',
};
