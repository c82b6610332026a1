// The F1 overlay at 80×24 (issue 12): a help text longer than the dialog scrolls inside it with ↑↓ PgUp PgDn
// (position marker), in Polish and English; a short one is drawn whole without a marker.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {AppContextProvider, defaultContext} from '../../src/screens/shell/context.js';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';
import {HelpOverlay} from '../../src/screens/help.js';
import type {Lang, MessageKey} from '../../src/i18n/index.js';
import {FakeStore} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mono} from '../helpers/admin-screens.js';

afterEach(cleanup);

function open(help: MessageKey, lang: Lang) {
  const r = render(
    <AppContextProvider value={defaultContext({store: new FakeStore(), dataDir: '/srv/ksef/data', lang})}>
      <KeyProvider escTimeoutMs={0}><HelpOverlay title="X" help={help} /></KeyProvider>
    </AppContextProvider>,
  );
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: 80, configurable: true});
  Object.defineProperty(out, 'rows', {value: 24, configurable: true});
  out.emit('resize');
  return r;
}

describe('F1 help overlay at 80×24', () => {
  for (const [lang, first, last] of [['pl', 'Pomoc — X', 'F10).'], ['en', 'Help — X', 'F10).']] as const) {
    it(`${lang}: the long generate help scrolls with PgDn / ↑ inside a dialog that fits 24 − 5 rows`, async () => {
      const r = open('help.certGenerate', lang);
      await waitForFrame(r.lastFrame, first);
      let f = mono(r.lastFrame());
      expect(f).toMatch(/▼/);
      expect(f).not.toContain(last);
      expect(f.split('\n').length).toBeLessThanOrEqual(19);
      for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
      r.stdin.write(KEYS.pageDown + KEYS.pageDown);
      await waitForFrame(r.lastFrame, last);
      f = mono(r.lastFrame());
      expect(f).toMatch(/▲/);
      expect(f.split('\n').length).toBeLessThanOrEqual(19);
      r.stdin.write(KEYS.home);
      await waitForFrame(r.lastFrame, /▲?.*▼/);
    });
  }

  it('a short help is drawn whole, no marker', async () => {
    const r = open('help.placeholder', 'pl');
    await waitForFrame(r.lastFrame, 'Ta funkcja jeszcze nie jest dostępna');
    expect(mono(r.lastFrame())).not.toMatch(/[▲▼]/);
  });
});
