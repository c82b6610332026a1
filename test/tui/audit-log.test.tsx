// [A-1-5-6] at 80×24 in Polish and English: the list with its filter line, `a`/`o`/`0` through the keymap, Enter
// opens one event whole in a region that scrolls with ↑↓ PgUp PgDn, Esc returns to the list with the filters kept.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';
import {expectWhole, mono, openAt, POLISH} from '../helpers/admin-screens.js';

afterEach(cleanup);

const LONG = Array.from({length: 150}, (_, i) => `część-${i + 1}`).join(' ');

function store() {
  const data = fakeData();
  const at = (m: number) => new Date(Date.UTC(2026, 5, 15, 8, m)).toISOString();
  data.audit = [
    {id: 'e1', at: at(1), operator: 'ADMIN', workstation: 'ws1', action: 'login'},
    {id: 'e2', at: at(2), operator: 'JAN', workstation: 'ws2', action: 'loginFailed'},
    {id: 'e3', at: at(3), operator: 'ADMIN', workstation: 'ws1', action: 'configChanged', details: `START ${LONG} KONIEC`},
  ];
  return new FakeStore(data);
}

describe('audit log [A-1-5-6] at 80×24', () => {
  it('Polish: filters cycle and clear; the detail scrolls to the end of a long description; Esc keeps the filters', async () => {
    const r = await openAt(store(), ['A', '1', '5', '6'], 'Filtry — a zdarzenie: wszystkie');
    expectWhole(r.lastFrame());
    expect(mono(r.lastFrame())).toContain('Zdarzenie');
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, 'a zdarzenie: logowanie');
    r.stdin.write('0');
    await waitForFrame(r.lastFrame, 'a zdarzenie: wszystkie');
    r.stdin.write('oo');
    await waitForFrame(r.lastFrame, 'o operator: JAN');
    r.stdin.write('0');
    await waitForFrame(r.lastFrame, 'o operator: wszyscy');
    r.stdin.write(KEYS.enter); // newest first: the configuration change with the long description
    await waitForFrame(r.lastFrame, 'Zdarzenie z 2026-06-15');
    let f = mono(r.lastFrame());
    expectWhole(f);
    expect(f).toContain('zmiana konfiguracji');
    expect(f).toContain('START');
    expect(f).not.toContain('KONIEC');
    expect(f).toMatch(/▼/);
    r.stdin.write(KEYS.pageDown.repeat(8));
    await waitForFrame(r.lastFrame, 'KONIEC');
    f = mono(r.lastFrame());
    expectWhole(f);
    expect(f).not.toContain('START');
    r.stdin.write(KEYS.f1); // F1 explains the detail, not the list
    await waitForFrame(r.lastFrame, 'Szczegóły jednego zdarzenia dziennika');
    r.stdin.write(KEYS.f1);
    await waitForGone(r.lastFrame, 'Szczegóły jednego zdarzenia dziennika');
    r.stdin.write(KEYS.up);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Filtry — a zdarzenie');
    r.stdin.write(KEYS.f1); // and the list's own text again
    await waitForFrame(r.lastFrame, 'Dziennik zdarzeń (od najnowszych)');
    r.stdin.write(KEYS.f1);
    await waitForGone(r.lastFrame, 'Dziennik zdarzeń (od najnowszych)');
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, 'a zdarzenie: logowanie');
    r.stdin.write(KEYS.esc); // back to the menu: the screen let Esc through
    await waitForGone(r.lastFrame, 'Filtry');
  });

  it('English: headers, event names, filter line and the detail are English', async () => {
    const r = await openAt(store(), ['A', '1', '5', '6'], 'Filters — a event: all', {lang: 'en'});
    let f = mono(r.lastFrame());
    expectWhole(f);
    expect(f).toContain('Event');
    expect(f).toContain('configuration');
    expect(f).toContain('failed login');
    expect(f.replace(/część-\d+/g, '')).not.toMatch(POLISH);
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, 'a event: login');
    r.stdin.write('0' + KEYS.enter);
    await waitForFrame(r.lastFrame, 'Event of 2026-06-15');
    f = mono(r.lastFrame());
    expectWhole(f);
    expect(f).toContain('scroll, Esc — back to the list');
    expect(f.replace(/część-\d+/g, '')).not.toMatch(POLISH);
  });
});
