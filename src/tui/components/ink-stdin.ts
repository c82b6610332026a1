// Ink's StdinContext, which `useInput` (and so ink-text-input / ink-select-input) reads its key events from. Ink
// does not export it, so it is loaded by file URL next to Ink's resolved entry (the same module instance Ink uses:
// Node caches modules by URL). Pinned Ink 6.8.0; test/tui/fed-input.test.tsx fails if this stops holding.
import type {Context} from 'react';
import type {StdinProps} from 'ink';

const url = new URL('./components/StdinContext.js', import.meta.resolve('ink'));
const mod = (await import(url.href)) as {default: Context<StdinProps>};

export const InkStdinContext: Context<StdinProps> = mod.default;
