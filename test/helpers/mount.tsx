// Renders one screen as the App hosts it (app context + key provider, Esc without delay) with a spy navigator.
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, vi} from 'vitest';
import {render} from 'ink-testing-library';
import {AppContextProvider, defaultContext} from '../../src/screens/shell/context.js';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';
import type {Operator} from '../../src/domain/index.js';
import {createDemoStore, openStore, type Store} from '../../src/store/index.js';

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

export interface DemoStoreWorld {
  tmp: string;
  dataDir: string;
  store: Store;
  /** The demo admin and the demo ordinary operator. */
  admin: Operator;
  oper: Operator;
}

/** A real demo store in a temp dir for the whole file (filled in beforeAll, removed in afterAll). */
export function demoStoreWorld(prefix: string): DemoStoreWorld {
  const w = {} as DemoStoreWorld;
  beforeAll(async () => {
    w.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    w.dataDir = path.join(w.tmp, 'data');
    await createDemoStore(w.dataDir);
    w.store = await openStore(w.dataDir);
    const ops = await w.store.listOperators();
    w.admin = ops.find(o => o.role === 'admin')!;
    w.oper = ops.find(o => o.role === 'operator')!;
  });
  afterAll(() => fs.rmSync(w.tmp, {recursive: true, force: true}));
  return w;
}
