// Translation for shared components: the host's `t` (see ../kit-context.tsx), Polish when nothing provides one, so
// forms, tables and widgets render in isolation (tests, previews).
import type {Translate} from '../../i18n/index.js';
import {useKit} from '../kit-context.js';

export function useTranslate(): Translate {
  return useKit().t;
}
