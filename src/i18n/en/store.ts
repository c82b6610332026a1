// English texts: store warnings and errors. Typed against ../pl/store.ts: every Polish key needs an English text.
import type {store as pl} from '../pl/store.js';
import type {EnglishOf} from '../placeholders.js';

export const store = {
  'store.permissionsFixed': 'Warning: {path} was accessible to other users (mode {was}) — changed to {now}. Check who could have read the keys.',
  'store.permissionsNotFixed': 'Warning: {path} is accessible to other users (mode {was}) and the program cannot change that — set {now} (chmod {now} {path}).',
} as const satisfies EnglishOf<typeof pl>;
