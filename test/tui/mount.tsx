// Renders one screen as the App hosts it (app context + key provider, Esc without delay) with a spy navigator.
import React from 'react';
import {vi} from 'vitest';
import {render} from 'ink-testing-library';
import {AppContextProvider, defaultContext} from '../../src/tui/context.js';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';

const spyNav = () => ({back: vi.fn(), push: vi.fn(), open: vi.fn(), quit: vi.fn()});

export function mountScreen(ctx: Parameters<typeof defaultContext>[0], screen: (nav: ReturnType<typeof spyNav>) => React.ReactElement) {
  const nav = spyNav();
  const r = render(
    <AppContextProvider value={defaultContext(ctx)}>
      <KeyProvider escTimeoutMs={0}>
        {screen(nav)}
      </KeyProvider>
    </AppContextProvider>,
  );
  return {...r, nav};
}
