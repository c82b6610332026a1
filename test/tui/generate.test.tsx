// [A-1-5-4] generate screens with ink-testing-library on a real store and the in-process KSeF simulator: the three
// owner paths (operator / branch / company; A and O; B and Z), bad input in every field, the folder-drop
// authorisation with a file signed by xmlsec1 appearing while the screen waits, "kontynuuj bez uruchamiania",
// countdown expiry with an injected clock, Esc mid-flow, and KSeF errors 25003 / 25007 / 429 in Polish with the code.
import React from 'react';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Operator} from '../../src/domain/index.js';
import {warsawDate} from '../../src/domain/index.js';
import {KsefGateway} from '../../src/flows/gateway.js';
import {prepareAuthRequest, submitSignedFile} from '../../src/flows/authorize.js';
import {enrollCertificate} from '../../src/flows/generate.js';
import {SCREENS} from '../../src/screens/registry.js';
import {CertGenerateScreen, type GenerateOwnerKind} from '../../src/screens/cert-generate.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {startEnrollProxy} from '../helpers/enroll-proxy.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import type {CertWorld} from '../helpers/revoke-world.js';
import {makeSealWorld, type Seal} from '../helpers/seal-world.js';
import {KEYS, waitForFrame, waitForGone, press} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

const PASSWORD = 'Haslo-Klucza-2026!';
let w: CertWorld;
let seal: Seal;
let signFolder: string;

beforeAll(async () => {
  ({w, seal, signFolder} = await makeSealWorld('ws-tui'));
}, 60_000);
afterEach(cleanup);
afterAll(() => w?.cleanup());

function mount(kind: GenerateOwnerKind, o: {operator?: Operator; clock?: () => Date; gateway?: KsefGateway; params?: Record<string, unknown>} = {}) {
  return mountScreen(
    {store: w.store, dataDir: w.dataDir, operator: o.operator ?? w.admin, workstation: 'ws-tui', gateway: o.gateway ?? w.gateway, ...(o.clock ? {clock: o.clock} : {})},
    (nav) => <CertGenerateScreen kind={kind} active path={['A', '1', '5', '4']} nav={nav} params={o.params} />,
  );
}
type R = ReturnType<typeof mount>;

async function type(r: R, text: string, expected: string | RegExp = text) {
  r.stdin.write(text);
  await waitForFrame(r.lastFrame, expected);
}

/** Fills name, type, mode and both passwords; the focus starts on the owner / env field. */
async function fill(r: R, o: {name: string; type?: 'A' | 'O'; mode?: 'B' | 'Z'; hasOwner?: boolean; env?: string}) {
  await waitForFrame(r.lastFrame, 'Środowisko KSeF');
  if (o.hasOwner) await press(r, KEYS.tab, '▶ Środowisko KSeF');
  await press(r, o.env ?? 'D', '▶ Nazwa certyfikatu');
  await type(r, o.name);
  await press(r, KEYS.tab, '▶ Typ certyfikatu');
  await press(r, o.type ?? 'A', '▶ Tryb');
  await press(r, o.mode ?? 'B', '▶ Data uruchomienia');
  await press(r, KEYS.tab, '▶ Hasło klucza (.key)');
  await type(r, PASSWORD, 'spełnia');
  await press(r, KEYS.tab, '▶ Powtórz hasło');
  await type(r, PASSWORD, /zgodne|Hasła są zgodne/i);
}

/** An admin enters the operator's PESEL [A-1-5-5] (personal certificates carry it). */
async function setPesel(code: string, pesel: string): Promise<void> {
  const op = (await w.store.listOperators()).find((o) => o.code === code)!;
  await w.store.upsertOperator({code, name: op.name, role: op.role, branch: op.branch, pesel}, 'ADMIN');
}

function signedFor(authFile: string, identity = seal): string {
  return signWithXmlsec1(fs.readFileSync(authFile, 'utf8'), identity.certPem, identity.keyPem);
}

const authFile = () => path.join(signFolder, 'auth.xml');
const challengeOf = (file: string) => /<Challenge>([^<]+)</.exec(fs.readFileSync(file, 'utf8'))![1];

describe('generate screens', () => {
  it('are registered for the menu leaves A-1-5-4-1/2/3', () => {
    for (const id of ['cert-generate-operator', 'cert-generate-branch', 'cert-generate-company']) {
      expect(SCREENS[id]).toBeDefined();
      expect(SCREENS[id].help).toBe('help.certGenerate');
    }
  });

  it('company, A, B: the auth.xml folder drop — a file signed by xmlsec1 appears while the screen waits → issued', async () => {
    const r = mount('company');
    await waitForFrame(r.lastFrame, 'firma — Demo Sp. z o.o.');
    expect(r.lastFrame()).toContain(warsawDate(new Date()));
    await fill(r, {name: 'Firma TUI auth'});
    await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
    await waitForFrame(r.lastFrame, /Pozostało (10:00|09:5\d)/);
    const f = r.lastFrame()!;
    expect(f).toContain(authFile());
    expect(f).toContain('K — kontynuuj');
    expect(f).toContain('B — kontynuuj bez uruchamiania');
    // A broken file is reported and skipped; then the signed one is picked up.
    fs.writeFileSync(path.join(signFolder, 'zepsuty.xml'), '<a>');
    await waitForFrame(r.lastFrame, 'Pominięto zepsuty.xml');
    fs.writeFileSync(path.join(signFolder, 'auth-podpisany.xades'), signedFor(authFile()));
    await waitForFrame(r.lastFrame, 'Wygenerowano certyfikat KSeF „Firma TUI auth” dla firmy.', 15_000);
    const done = r.lastFrame()!;
    const serial = /Numer seryjny:\s+([0-9A-F]{16})/.exec(done)![1];
    expect(done).toMatch(/Firma_TUI_auth_[0-9A-F]{16}\.key/);
    const rec = await w.store.getCertificate(serial);
    expect(rec).toMatchObject({state: 'issued', owner: {kind: 'company'}, type: 'A', mode: 'B'});
    await press(r, KEYS.enter, 'Wygenerowano');
    expect(r.nav.back).toHaveBeenCalled();
  }, 30_000);

  it('company, A, Z: follows the current certificate, authorised by it with no manual step; every step shown', async () => {
    const r = mount('company');
    await fill(r, {name: 'Firma TUI Z', mode: 'Z'});
    const f = r.lastFrame()!;
    expect(f).toMatch(/Następca certyfikatu „Firma TUI auth”/);
    const current = (await w.store.listCertificates()).find((c) => c.name === 'Firma TUI auth')!;
    expect(f).toContain(warsawDate(new Date(current.validTo!)));
    await press(r, KEYS.f2, 'Wygenerowano certyfikat KSeF „Firma TUI Z”', 15_000);
    const rec = (await w.store.listCertificates()).find((c) => c.name === 'Firma TUI Z')!;
    expect(rec).toMatchObject({mode: 'Z', predecessorId: current.id, validFrom: current.validTo});
    expect(r.lastFrame()).toMatch(/zacznie działać/);
  }, 30_000);

  it('operator, O, B: "kontynuuj bez uruchamiania" — the signed file chosen by path; K without a command says so', async () => {
    // JKOWALSKI's certificate carries his person: an admin entered his PESEL, he signs with his own signature.
    await setPesel('JKOWALSKI', '44051401359');
    const person = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel: '44051401359', givenNames: ['Jan'], surname: 'Kowalski'});
    const r = mount('operator');
    await waitForFrame(r.lastFrame, /▶ Operator\s+ADMIN/);
    await press(r, KEYS.down, /Operator\s+JKOWALSKI — Jan Kowalski/);
    await fill(r, {name: 'Offline Kowalskiego', type: 'O', hasOwner: true});
    await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
    await press(r, 'k', 'Brak polecenia podpisu w konfiguracji stanowiska');
    const elsewhere = path.join(w.root, 'recznie-podpisany.xml');
    fs.writeFileSync(elsewhere, signedFor(authFile(), person));
    await press(r, 'b', '▶ Podpisany plik');
    r.stdin.write(KEYS.backspace.repeat(signFolder.length + 1));
    await waitForFrame(r.lastFrame, /▶ Podpisany plik\s+▏/);
    await type(r, elsewhere, 'recznie-podpisany.xml');
    await press(r, KEYS.enter, 'Wygenerowano certyfikat KSeF „Offline Kowalskiego” dla operatora JKOWALSKI', 15_000);
    expect((await w.store.listCertificates()).find((c) => c.name === 'Offline Kowalskiego')).toMatchObject({type: 'O', owner: {kind: 'operator', code: 'JKOWALSKI'}});
  }, 30_000);

  it('branch: every field refuses bad input in Polish; Z without a current certificate; Esc leaves the form', async () => {
    const r = mount('branch');
    await waitForFrame(r.lastFrame, /▶ Oddział\s+CENTRALA — Centrala/);
    await press(r, KEYS.tab, '▶ Środowisko KSeF');
    await press(r, 'X', /▶ Środowisko KSeF/);
    expect(r.lastFrame()).toMatch(/D|P|T/);
    await press(r, 'D', '▶ Nazwa certyfikatu');
    await type(r, 'abc');
    await press(r, KEYS.tab, 'co najmniej 5 znaków');
    await press(r, KEYS.shiftTab, '▶ Nazwa certyfikatu');
    await type(r, 'd!', 'abcd!');
    await press(r, KEYS.tab, 'może zawierać tylko litery');
    await press(r, KEYS.shiftTab, '▶ Nazwa certyfikatu');
    r.stdin.write(KEYS.backspace);
    await waitForFrame(r.lastFrame, /abcd▏/);
    await type(r, 'ęółśź', 'abcdęółśź');
    await waitForFrame(r.lastFrame, 'pasuje też do MCU');
    await press(r, KEYS.tab, '▶ Typ certyfikatu');
    await press(r, 'Q', '▶ Typ certyfikatu');
    await press(r, 'A', '▶ Tryb');
    await press(r, 'Z', '▶ Data uruchomienia');
    expect(r.lastFrame()).toContain('Brak bieżącego certyfikatu, po którym nowy miałby zacząć działać.');
    r.stdin.write(KEYS.backspace.repeat(10));
    await waitForFrame(r.lastFrame, /▶ Data uruchomienia\s+RRRR-MM-DD▏/);
    await type(r, '2020-01-01');
    await press(r, KEYS.tab, 'nie może być w przeszłości');
    await press(r, KEYS.shiftTab, '▶ Data uruchomienia');
    r.stdin.write(KEYS.backspace.repeat(10));
    await type(r, '2030-02-30', '2030-02-30');
    await press(r, KEYS.tab, 'RRRR-MM-DD');
    await press(r, KEYS.shiftTab, '▶ Data uruchomienia');
    r.stdin.write(KEYS.backspace.repeat(10));
    await type(r, '2030-01-15', '2030-01-15');
    await press(r, KEYS.tab, '▶ Hasło klucza (.key)');
    await type(r, 'slabe', /Brakuje/);
    await press(r, KEYS.tab, '▶ Powtórz hasło');
    await type(r, 'inne', /niezgodne|nie są zgodne|różn/i);
    await press(r, KEYS.f2, 'tryb Z niemożliwy');
    expect((await w.store.listCertificates()).some((c) => c.name.startsWith('abcd'))).toBe(false);
    r.stdin.write(KEYS.esc);
    await vi.waitFor(() => expect(r.nav.back).toHaveBeenCalled());
  }, 30_000);

  it('an ordinary operator sees only themself as owner', async () => {
    const r = mount('operator', {operator: w.operator});
    await waitForFrame(r.lastFrame, /Operator\s+JKOWALSKI — Jan Kowalski/);
    await press(r, KEYS.down, /Operator\s+JKOWALSKI/);
    expect(r.lastFrame()).not.toContain('ADMIN');
    // The branch and company forms refuse when they open (not after F2), with the reason.
    for (const kind of ['branch', 'company'] as const) {
      const b = mount(kind, {operator: w.operator});
      await waitForFrame(b.lastFrame, 'Certyfikaty dla firmy i oddziałów generuje tylko administrator');
      expect(b.lastFrame()!.replace(/\s+/g, ' ')).toMatch(/operator JKOWALSKI może generować certyfikaty wyłącznie dla siebie/);
      expect(b.lastFrame()).not.toContain('Nazwa certyfikatu');
      b.unmount();
    }
  });

  it('countdown expiry (injected clock): "Czas minął", N fetches a fresh challenge and a new auth.xml', async () => {
    let shift = 0;
    const r = mount('branch', {clock: () => new Date(Date.now() + shift)});
    await fill(r, {name: 'Oddział wygasły', hasOwner: true});
    await press(r, KEYS.f2, /Pozostało (10:00|09:5\d)/);
    const first = challengeOf(authFile());
    shift = 11 * 60_000;
    await waitForFrame(r.lastFrame, 'Czas minął', 5000);
    expect(r.lastFrame()).toContain('Wyzwanie wygasło');
    // A file signed for the expired challenge is no longer picked up.
    await press(r, 'n', /Pozostało (10:00|09:5\d)/);
    const second = challengeOf(authFile());
    expect(second).not.toBe(first);
    expect(r.lastFrame()).toContain(second);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Autoryzację przerwano — dane formularza zachowano.');
    expect(r.lastFrame()).toContain('Oddział wygasły');
  }, 30_000);

  it('Esc while waiting for KSeF: the submitted request stays as pending, visible and resumable', async () => {
    w.sim.faults.add({path: '/certificates/enrollments/.+-EH-', method: 'GET', delayMs: 4000, times: 1});
    const r = mount('company');
    await fill(r, {name: 'Firma przerwana'});
    await press(r, KEYS.f2, 'Oczekiwanie na wydanie certyfikatu', 15_000);
    await waitForFrame(r.lastFrame, /numer referencyjny \d{8}-EH-/);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Przerwano generowanie certyfikatu.');
    expect(r.lastFrame()).toMatch(/zapisano go jako oczekujący/);
    const rec = (await w.store.listCertificates()).find((c) => c.name === 'Firma przerwana')!;
    expect(rec.state).toBe('pending');
    expect(rec.enrollment!.referenceNumber).toMatch(/-EH-/);
  }, 30_000);

  it('hung KSeF while polling: the step shows how long KSeF is silent and the wait left, every second', async () => {
    w.sim.faults.add({path: '/certificates/enrollments/.+-EH-', method: 'GET', delayMs: 6000, times: 1});
    const r = mount('company');
    await fill(r, {name: 'Firma cisza KSeF'});
    await press(r, KEYS.f2, 'Oczekiwanie na wydanie certyfikatu', 15_000);
    // Every frame written so far: a loaded machine may poll after the 2 s frame was already replaced by the next one.
    const seen = () => r.frames.map((f) => f.replace(/\s+/g, ' ')).join('\n');
    await waitForFrame(seen, /KSeF nie odpowiada od 2 s — czekam jeszcze najwyżej 29\d s/, 10_000);
    await waitForFrame(seen, /KSeF nie odpowiada od 3 s — czekam jeszcze najwyżej 29\d s/, 10_000);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Przerwano generowanie certyfikatu.');
  }, 30_000);

  it('429 from KSeF on the enrollment: Polish text with the code, nothing stored; Enter returns to the form', async () => {
    w.sim.faults.add({path: '/certificates/enrollments$', method: 'POST', status: 429, retryAfter: 900, times: 1});
    const r = mount('company');
    await fill(r, {name: 'Firma za szybko'});
    await press(r, KEYS.f2, '[429]', 15_000);
    expect(r.lastFrame()).toMatch(/✗ Złożenie wniosku o certyfikat/);
    expect((await w.store.listCertificates()).some((c) => c.name === 'Firma za szybko')).toBe(false);
    await press(r, KEYS.enter, '▶');
    expect(r.lastFrame()).toContain('Firma za szybko');
  }, 30_000);

  it('25003 from KSeF (enrollment data altered on the way by a proxy): shown in Polish with the code', async () => {
    const target = new URL(w.sim.apiBase('DEMO'));
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const up = http.request({host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers}, (u) => {
          const body: Buffer[] = [];
          u.on('data', (c) => body.push(c));
          u.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (req.url?.endsWith('/certificates/enrollments/data')) text = JSON.stringify({...JSON.parse(text), organizationName: 'Inna Spółka'});
            res.writeHead(u.statusCode ?? 500, {...u.headers, 'content-length': String(Buffer.byteLength(text))});
            res.end(text);
          });
        });
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', () => ok()));
    const gateway = new KsefGateway({target: 'ksef', apiOverride: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`});
    try {
      const r = mount('branch', {gateway});
      await fill(r, {name: 'Oddział 25003', hasOwner: true});
      await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
      fs.writeFileSync(path.join(signFolder, 'podpis-25003.xml'), signedFor(authFile()));
      await waitForFrame(r.lastFrame, '[25003]', 15_000);
      expect(r.lastFrame()).toMatch(/CSR/);
    } finally {
      await gateway.close();
      await new Promise((ok) => proxy.close(ok));
    }
  }, 30_000);

  it('reply to the enrollment lost after KSeF accepted it (proxy resets it): "may have been accepted", kept pending', async () => {
    const proxy = await startEnrollProxy(new URL(w.sim.apiBase('DEMO')).origin, 'reset');
    const gateway = new KsefGateway({target: 'ksef', apiOverride: proxy.base(w.sim.apiBase('DEMO'))});
    try {
      const r = mount('branch', {gateway});
      await fill(r, {name: 'Oddział bez odpowiedzi', hasOwner: true});
      await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
      fs.writeFileSync(path.join(signFolder, 'podpis-zgubiony.xml'), signedFor(authFile()));
      await waitForFrame(r.lastFrame, '[enrollUnconfirmed]', 15_000);
      expect((await proxy.accepted).status).toBe(202);
      const rec = (await w.store.listCertificates()).find((c) => c.name === 'Oddział bez odpowiedzi')!;
      expect(rec.state).toBe('pending');
      expect(rec.enrollment!.referenceNumber).toBeUndefined();
      const flat = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
      expect(flat).toContain('KSeF mógł go przyjąć');
      expect(flat).toContain('klawiszem W w szczegółach certyfikatu');
    } finally {
      await gateway.close();
      await proxy.close();
    }
  }, 30_000);

  it('25007: a person at the limit of 6 active certificates — refused before the request, naming the limit', async () => {
    const person = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel: '85020212343', givenNames: ['Ewa'], surname: 'Pełna'});
    await setPesel('ADMIN', '85020212343');
    // Six certificates already issued to that person (through the same flow, outside the screen).
    const req = await prepareAuthRequest({store: w.store, gateway: w.gateway, workstation: 'ws-other'}, {env: 'D', context: {type: 'Nip', value: DEMO_COMPANY.nip}, dir: path.join(w.root, 'pre')});
    const session = await submitSignedFile(await w.gateway.client('D'), Buffer.from(signedFor(req.file, person)), {pollIntervalMs: 5});
    for (let i = 0; i < 6; i++) {
      await enrollCertificate({store: w.store, gateway: w.gateway, operator: w.admin, workstation: 'ws-other', keyIterations: 1000}, session,
        {owner: {kind: 'operator', code: 'ADMIN'}, env: 'D', name: `Wcześniejszy ${i}`, type: 'O', mode: 'B', keyPassword: PASSWORD}, {pollIntervalMs: 5});
    }
    const r = mount('operator');
    await waitForFrame(r.lastFrame, /▶ Operator\s+ADMIN/);
    await fill(r, {name: 'Siódmy certyfikat', hasOwner: true, type: 'O'});
    await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
    fs.writeFileSync(path.join(signFolder, 'podpis-osoby.xml'), signedFor(authFile(), person));
    await waitForFrame(r.lastFrame, '[25007]', 15_000);
    expect(r.lastFrame()).toMatch(/limit posiadanych certyfikatów KSeF \(6 z 6/);
    await waitForGone(r.lastFrame, 'Esc — przerwij');
  }, 40_000);
});
