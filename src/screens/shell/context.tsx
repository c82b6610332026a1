// What every screen may need, provided once by the app shell (./app-context.tsx), and `defaultContext`, which binds
// the use cases at once (screens mounted on their own, tests). The app shell itself binds them once loaded.
import type {Store} from '../../store/types.js';
import {makeServices} from '../../flows/services/index.js';
import {contextBase, type AppContextValue, type ContextBase} from './app-context.js';

export * from './app-context.js';

export function defaultContext(p: Partial<ContextBase> & {store: Store; dataDir: string}): AppContextValue {
  const base = contextBase(p);
  return {...base, services: makeServices(base)};
}
