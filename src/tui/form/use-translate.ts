// Translation for shared components: the app context's `t` when inside <AppContextProvider>, otherwise Polish.
// Lets forms, tables and widgets render in isolation (tests, previews) without a store.
import {useAppContext} from '../../screens/shell/context.js';
import {makeT, type Translate} from '../../i18n/index.js';

const polish = makeT('pl');

export function useTranslate(): Translate {
  // useAppContext always calls useContext before it throws, so the hook order is stable either way.
  try {
    return useAppContext().t;
  } catch {
    return polish;
  }
}
