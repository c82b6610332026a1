// Two of Ink's modules it does not export: its reconciler (createPortal) and StdinContext (what `useInput` reads).
// They must be the very instances Ink uses, so they are loaded by file URL next to Ink's resolved entry (Node caches
// modules by URL). The bundled bin (scripts/bundle.mjs) bundles Ink and swaps this module for static imports of
// the same two files, so there they are the bundle's instances. Pinned Ink 6.8.0: test/tui/legend-frame.test.tsx
// and test/tui/fed-input.test.tsx fail if this stops holding, and the tmux e2e tests run the bundled bin.
import type {Context, ReactNode, ReactPortal} from 'react';
import type {StdinProps} from 'ink';

export interface InkReconcilerModule {
  default: {createPortal(children: ReactNode, container: unknown, impl: null, key?: string | null): ReactPortal};
}

export interface InkStdinContextModule {
  default: Context<StdinProps>;
}

const base = import.meta.resolve('ink');
export const reconcilerModule = (await import(new URL('./reconciler.js', base).href)) as InkReconcilerModule;
export const stdinContextModule = (await import(new URL('./components/StdinContext.js', base).href)) as InkStdinContextModule;
