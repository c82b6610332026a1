// [A-1-5-1], [A-1-5-2], [A-1-5-5] at 80×24 in Polish and English (issue 12): the frame stays whole, the legend lists
// the keys that work (F2 where saving works, F3 where adding does), and the language list (ink-select-input through
// KitSelect) takes ↓ + Enter in ONE write: it picks English and moves on.
import os from 'node:os';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {FakeStore} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {expectWhole, mono, openAt, POLISH} from '../helpers/admin-screens.js';

afterEach(cleanup);

describe('configuration screens at 80×24', () => {
  it('[A-1-5-2] Polish: the language list takes ↓ + Enter in one write; F2 saves; the frame stays whole', async () => {
    const store = new FakeStore();
    const dir = os.tmpdir(); // folders that exist: the save creates nothing
    store.data.workstations = [{host: 'ws1', signFolder: dir, signCommand: '', exportFolder: dir, lang: 'pl'}];
    const r = await openAt(store, ['A', '1', '5', '2'], '▶ Folder podpisu');
    expectWhole(r.lastFrame(), 80, 24, /F2 Zapisz.*F1 Pomoc/);
    r.stdin.write(KEYS.enter + KEYS.enter + KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Język');
    let f = mono(r.lastFrame());
    expect(f).toMatch(/▶ P {2}polski/); // the list, current value highlighted
    expect(f).toContain('E  English');
    expectWhole(f);
    r.stdin.write(KEYS.down + KEYS.enter);
    await waitForFrame(r.lastFrame, /Język\s+E {2}English/);
    f = mono(r.lastFrame());
    expect(f).toMatch(/▶ Moduł PKCS#11|▶ Token|▶ Etykieta/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'Zmiana języka zacznie działać');
    expect(store.data.workstations.find(w => w.host === 'ws1')?.lang).toBe('en');
    expectWhole(r.lastFrame());
  });

  it('[A-1-5-2] English: labels, the language list and the legend are English', async () => {
    const r = await openAt(new FakeStore(), ['A', '1', '5', '2'], 'Workstation', {lang: 'en'});
    r.stdin.write(KEYS.enter + KEYS.enter + KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Language');
    const f = mono(r.lastFrame());
    expectWhole(f, 80, 24, /F2 Save.*F1 Help/);
    expect(f).not.toMatch(POLISH);
  });

  it('the legend lists exactly the keys that work: F3 on the operator list, F2 (not F3) in its form; no F2 read-only', async () => {
    const o = await openAt(new FakeStore(), ['A', '1', '5', '5'], 'JAN');
    const legend = () => mono(o.lastFrame()).split('\n').at(-1) ?? '';
    expect(legend()).toMatch(/F3 Dodaj/);
    expect(legend()).not.toMatch(/F2/);
    o.stdin.write(KEYS.enter);
    await waitForFrame(o.lastFrame, 'Operator ADMIN');
    await waitForFrame(o.lastFrame, /F2 Zapisz.*F1 Pomoc/);
    expect(legend()).not.toMatch(/F3/);
    o.stdin.write(KEYS.esc);
    await waitForFrame(o.lastFrame, /F3 Dodaj/);
    o.unmount();
    const b = await openAt(new FakeStore(), ['A', '1', '5', '1'], 'Centrala', {operator: 1}); // JAN: read-only
    await waitForFrame(b.lastFrame, /F1 Pomoc/);
    expect(mono(b.lastFrame()).split('\n').at(-1)).not.toMatch(/F2/);
    expectWhole(b.lastFrame());
  });

  it('[A-1-5-1] and [A-1-5-5]: whole at 80×24 in both languages; the legends name F2 / F3 where they work', async () => {
    for (const lang of ['pl', 'en'] as const) {
      const b = await openAt(new FakeStore(), ['A', '1', '5', '1'], lang === 'pl' ? '▶ Oddział' : '▶ Branch', {lang});
      expectWhole(b.lastFrame(), 80, 24, lang === 'pl' ? /F2 Zapisz/ : /F2 Save/);
      if (lang === 'en') expect(mono(b.lastFrame()).replace(/Centrala/g, '')).not.toMatch(POLISH);
      b.unmount();
      const o = await openAt(new FakeStore(), ['A', '1', '5', '5'], 'JAN', {lang});
      expectWhole(o.lastFrame(), 80, 24, lang === 'pl' ? /F3 Dodaj/ : /F3 Add/);
      if (lang === 'en') expect(mono(o.lastFrame()).replace(/Centrala|CENTRALA/g, '')).not.toMatch(POLISH);
      o.unmount();
    }
  });
});
