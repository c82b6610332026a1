// The whole app on a real store and the in-process KSeF simulator: F1 on the generate form [A-1-5-4-3] explains A vs
// O with the MCU / Taxpayer App labels; the footer lists exactly the keys that work — F2 on the form, not on the authorisation screen or the progress, where F1
// opens help and F10 quits.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

let w: CertWorld;
beforeAll(async () => {
  w = await makeCertWorld();
}, 60_000);
afterEach(cleanup);
afterAll(() => w?.cleanup());

const footer = (f: string | undefined): string => (f ?? '').split('\n').filter((l) => /F1 /.test(l)).at(-1) ?? '';

describe('generate footer', () => {
  it('F2 Zapisz only while the form is shown; the authorisation screen offers F1 (its own help), Esc and F10 — and F10 works', async () => {
    const onExit = vi.fn();
    const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-legend" operator={w.admin} gateway={w.gateway} onExit={onExit} />);
    await waitForFrame(r.lastFrame, 'Operator: ADMIN');
    for (const k of ['A', '1', '5', '4']) {
      r.stdin.write(k);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    r.stdin.write('3');
    await waitForFrame(r.lastFrame, 'Środowisko KSeF', 15_000);
    expect(footer(r.lastFrame())).toContain('F2 Zapisz');
    // F1 on the form: A vs O with the labels MCU and the Taxpayer App use.
    r.stdin.write(KEYS.f1);
    await waitForFrame(r.lastFrame, 'zamknij pomoc');
    const help = (r.lastFrame() ?? '').replace(/[║\s]+/g, ' ');
    expect(help).toContain('Typ A — certyfikat do uwierzytelnienia w KSeF (w MCU i Aplikacji Podatnika: „Uwierzytelnienie w systemie KSeF”)');
    expect(help).toContain('typ O — certyfikat offline do podpisu kodu QR II (tam: „Podpis linku do weryfikacji wystawcy”)');
    expect(help).toContain('w trybie demo wbudowany podpisujący TYLKO DO TESTÓW');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, '▶ Środowisko KSeF');
    r.stdin.write('D');
    await waitForFrame(r.lastFrame, '▶ Nazwa certyfikatu');
    r.stdin.write('Firma stopka');
    await waitForFrame(r.lastFrame, 'Firma stopka');
    for (const k of [KEYS.tab, 'A', 'B', KEYS.tab]) {
      r.stdin.write(k);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    await waitForFrame(r.lastFrame, '▶ Hasło klucza (.key)');
    r.stdin.write('Haslo-Klucza-2026!');
    r.stdin.write(KEYS.tab);
    await waitForFrame(r.lastFrame, '▶ Powtórz hasło');
    r.stdin.write('Haslo-Klucza-2026!');
    await waitForFrame(r.lastFrame, 'Hasła zgodne');
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'K — kontynuuj', 15_000);
    const f = footer(r.lastFrame());
    expect(f).not.toContain('F2');
    expect(f).toMatch(/F1 Pomoc.*Esc Powrót.*F10 Koniec/);
    // F10 quits at once (F2000 "Koniec"): the authorisation screen lets it through to the Shell.
    r.stdin.write(KEYS.f10);
    await vi.waitFor(() => expect(onExit).toHaveBeenCalled(), {timeout: 8000});
  }, 60_000);
});
