// Rights and states checked when a screen or dialog OPENS, and the T/N before the sign command runs — through
// ink-testing-library on a real store and the in-process KSeF simulator: the company/branch generate items are
// greyed for an operator (with the reason) and do not open; F8 on a revoked certificate says so at once; F4 on a
// revoked or expired one warns before the password form; K shows the configured command verbatim, who set it and
// when, and runs it only after T.
import React from 'react';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {CertDetailsScreen} from '../../src/screens/cert-details.js';
import {CertGenerateScreen} from '../../src/screens/cert-generate.js';
import {ExternalSignatureStep} from '../../src/screens/auth-step.js';
import {OperatorsScreen} from '../../src/screens/operators.js';
import {WorkstationConfigScreen} from '../../src/screens/workstation-config.js';
import {saveWorkstationConfiguration} from '../../src/flows/config.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {KEYS, settle, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

let w: CertWorld;
let revoked: CertificateRecord;
let expired: CertificateRecord;
let planted: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  const a = await w.enroll({type: 'A', name: 'Unieważniony A'});
  revoked = await w.store.patchCertificate(a.id, {state: 'revoked', revokedAt: new Date().toISOString(), revocationReason: 'Unspecified'});
  const b = await w.enroll({type: 'O', name: 'Wygasły O'});
  expired = await w.store.patchCertificate(b.id, {validFrom: '2024-01-01T00:00:00.000Z', validTo: '2025-01-01T00:00:00.000Z'});
  // JKOWALSKI's active type-A certificate that carries the company seal (what the defect of issue 10 produced).
  planted = await w.enroll({type: 'A', name: 'Podrzucony A'});
}, 60_000);
afterEach(cleanup);
afterAll(() => w?.cleanup());

const flat = (f: string | undefined) => (f ?? '').replace(/[│║┃]/g, ' ').replace(/\s+/g, ' ');

/** Waits for text that a dialog may wrap over several lines. */
const waitFlat = (lastFrame: () => string | undefined, text: string) =>
  vi.waitFor(() => expect(flat(lastFrame())).toContain(text), {timeout: 8000, interval: 5});

describe('menu [A-1-5-4]', () => {
  it('an operator sees "dla oddziału" / "dla firmy" greyed with the reason; choosing one says why and opens nothing; an admin opens it', async () => {
    const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-r" operator={w.operator} gateway={w.gateway} initialPath={['A', '1', '5', '4']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '1. dla operatora');
    expect(r.lastFrame()).toContain('2. dla oddziału (tylko administrator)');
    expect(r.lastFrame()).toContain('3. dla firmy (tylko administrator)');
    expect(r.lastFrame()).not.toContain('1. dla operatora (tylko');
    r.stdin.write('3');
    await waitFlat(r.lastFrame, 'Tylko administrator: operator generuje certyfikaty wyłącznie dla siebie.');
    expect(r.lastFrame()).not.toContain('Nazwa certyfikatu');
    expect(r.lastFrame()).toContain('1. dla operatora');
    r.unmount();

    const a = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-r" operator={w.admin} gateway={w.gateway} initialPath={['A', '1', '5', '4']} escTimeoutMs={0} />);
    await waitForFrame(a.lastFrame, '3. dla firmy');
    expect(a.lastFrame()).not.toContain('tylko administrator');
    a.stdin.write('3');
    await waitForFrame(a.lastFrame, 'Nazwa certyfikatu', 10_000);
  }, 30_000);
});

describe('F8 / F4 on the details of a revoked or expired certificate', () => {
  const details = (rec: CertificateRecord) =>
    mountScreen({store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-r', gateway: w.gateway},
      (nav) => <CertDetailsScreen active path={['A', '1', '5', '7']} nav={nav} params={{id: rec.id}} />);

  it('F8 on a revoked certificate says so at once — no reason form, no T/N', async () => {
    const r = details(revoked);
    await waitForFrame(r.lastFrame, 'Unieważniony A');
    r.stdin.write(KEYS.f8);
    await waitFlat(r.lastFrame, `Certyfikat „Unieważniony A” (${revoked.serial}) jest już unieważniony.`);
    expect(r.lastFrame()).not.toContain('Przyczyna');
    expect(r.lastFrame()).not.toContain('Operacji nie można cofnąć');
  });

  it('F8 on an expired certificate says so at once', async () => {
    const r = details(expired);
    await waitForFrame(r.lastFrame, 'Wygasły O');
    r.stdin.write(KEYS.f8);
    await waitFlat(r.lastFrame, 'już wygasł — KSeF nie unieważnia wygasłych certyfikatów');
    expect(r.lastFrame()).not.toContain('Przyczyna');
  });

  it('F4 on a revoked certificate warns first (T/N); N closes without asking for a password, T opens the export form', async () => {
    const r = details(revoked);
    await waitForFrame(r.lastFrame, 'Unieważniony A');
    r.stdin.write(KEYS.f4);
    await waitFlat(r.lastFrame, 'Uwaga: certyfikat „Unieważniony A” jest unieważniony — KSeF go nie przyjmie. Eksportować mimo to? T/N');
    expect(r.lastFrame()).not.toContain('Hasło do klucza');
    r.stdin.write('n');
    await vi.waitFor(() => expect(flat(r.lastFrame())).not.toContain('Eksportować mimo to'), {timeout: 8000, interval: 5});
    expect(r.lastFrame()).not.toContain('Hasło do klucza');
    r.stdin.write(KEYS.f4);
    await waitFlat(r.lastFrame, 'Eksportować mimo to');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Hasło do klucza');
  });

  it('F4 on an expired certificate names the end date before the password form', async () => {
    const r = details(expired);
    await waitForFrame(r.lastFrame, 'Wygasły O');
    r.stdin.write(KEYS.f4);
    await waitFlat(r.lastFrame, 'Uwaga: certyfikat „Wygasły O” wygasł 2025-01-01 — KSeF go nie przyjmie.');
    expect(r.lastFrame()).not.toContain('Hasło do klucza');
  });
});

describe('K on the authorisation screen with a configured sign command', () => {
  it('shows the command verbatim with who set it, runs nothing on N, runs it after T', async () => {
    const marker = path.join(w.root, 'uruchomiono polecenie.txt');
    const command = `touch '${marker}' # {file}`;
    const ws = await w.store.workstation('ws-sign');
    await saveWorkstationConfiguration({store: w.store, operator: w.admin}, {...ws, signCommand: command});
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-sign', gateway: w.gateway},
      () => <ExternalSignatureStep active env="D" context={{type: 'Nip', value: DEMO_COMPANY.nip}} onSigned={() => undefined} onCancel={() => undefined} onError={() => undefined} />);
    await waitForFrame(r.lastFrame, 'K — kontynuuj', 10_000);
    r.stdin.write('k');
    await waitFlat(r.lastFrame, 'Uruchomić polecenie podpisu z konfiguracji stanowiska [A-1-5-2]?');
    expect(flat(r.lastFrame())).toContain(`Polecenie: ${command}`);
    expect(flat(r.lastFrame())).toMatch(/Ustawione przez ADMIN, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    r.stdin.write('n');
    await waitFlat(r.lastFrame, 'Nie uruchomiono polecenia');
    await settle();
    expect(fs.existsSync(marker)).toBe(false);
    r.stdin.write('k');
    await waitForFrame(r.lastFrame, 'T — uruchom, N — nie uruchamiaj');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Uruchomiono program do podpisu');
    await expect.poll(() => fs.existsSync(marker), {timeout: 5000}).toBe(true);
  }, 30_000);
});

describe('[A-1-5-5] PESEL of an operator (personal KSeF certificates)', () => {
  it('an admin enters it: a bad checksum is refused in Polish with the focus on the field, a valid one is stored', async () => {
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-r', gateway: w.gateway},
      (nav) => <OperatorsScreen active path={['A', '1', '5', '5']} nav={nav} />);
    await waitForFrame(r.lastFrame, 'JKOWALSKI');
    r.stdin.write(KEYS.down);
    await settle();
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Nazwa');
    for (const [key, next] of [[KEYS.tab, '▶ Rola'], ['o', '▶ Oddział'], [KEYS.tab, '▶ Zablokowany'], ['n', '▶ Nowe hasło'], [KEYS.tab, '▶ Powtórz hasło'], [KEYS.tab, '▶ PESEL']]) {
      r.stdin.write(key);
      await waitForFrame(r.lastFrame, next);
    }
    r.stdin.write('44051401358');
    await waitForFrame(r.lastFrame, '44051401358');
    r.stdin.write(KEYS.f2);
    await waitFlat(r.lastFrame, 'PESEL „44051401358” jest nieprawidłowy');
    expect((await w.store.listOperators()).find((o) => o.code === 'JKOWALSKI')!.pesel).toBeUndefined();
    await waitForFrame(r.lastFrame, '▶ PESEL');
    r.stdin.write(KEYS.backspace + '9');
    await waitForFrame(r.lastFrame, '44051401359');
    r.stdin.write(KEYS.f2);
    await waitFlat(r.lastFrame, 'Zapisano operatora JKOWALSKI');
    expect((await w.store.listOperators()).find((o) => o.code === 'JKOWALSKI')!.pesel).toBe('44051401359');
  }, 20_000);
});

describe('[A-1-5-4-1] automatic authorisation', () => {
  it("JKOWALSKI's only type-A certificate carries the company seal: it does not sign; the screen asks for his signature", async () => {
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-gen', gateway: w.gateway},
      (nav) => <CertGenerateScreen kind="operator" active path={['A', '1', '5', '4', '1']} nav={nav} />);
    await waitForFrame(r.lastFrame, 'Środowisko KSeF');
    for (const [key, next] of [[KEYS.tab, '▶ Środowisko KSeF'], ['D', '▶ Nazwa certyfikatu'], ['Kowalski offline', 'Kowalski offline'], [KEYS.tab, '▶ Typ certyfikatu'], ['O', '▶ Tryb'], ['B', '▶ Data uruchomienia'], [KEYS.tab, '▶ Hasło klucza (.key)'], ['Haslo-Klucza-2026!', 'spełnia'], [KEYS.tab, '▶ Powtórz hasło'], ['Haslo-Klucza-2026!', 'zgodne']]) {
      r.stdin.write(key);
      await waitForFrame(r.lastFrame, next);
    }
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'Autoryzacja podpisem zewnętrznym', 10_000);
    expect((await w.store.listAudit()).some((a) => a.action === 'ksefLogin' && a.serial === planted.serial)).toBe(false);
  }, 30_000);
});

describe('[A-1-5-2] sign command for an operator', () => {
  it('is greyed with the reason and skipped by the cursor; who set it is shown; the operator still saves the folders', async () => {
    await saveWorkstationConfiguration({store: w.store, operator: w.admin}, {...(await w.store.workstation('ws-op')), signCommand: 'podpisz {file}'});
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-op', gateway: w.gateway},
      (nav) => <WorkstationConfigScreen active path={['A', '1', '5', '2']} nav={nav} />);
    await waitForFrame(r.lastFrame, '▶ Folder podpisu (auth.xml)');
    expect(flat(r.lastFrame())).toContain('Polecenie e-podpisu może zmieniać tylko administrator — uruchamia je każdy, kto naciśnie K na tym stanowisku.');
    expect(flat(r.lastFrame())).toMatch(/Polecenie ustawił ADMIN, \d{4}-\d{2}-\d{2}/);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Folder eksportu'); // the command field is skipped
    r.stdin.write(KEYS.f2);
    await waitFlat(r.lastFrame, 'Zapisano konfigurację stanowiska ws-op');
    expect((await w.store.workstation('ws-op')).signCommand).toBe('podpisz {file}');
  }, 20_000);
});
