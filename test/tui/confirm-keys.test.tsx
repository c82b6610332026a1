// The revoke question [A-1-5-7 F8] is a ConfirmDialog: F1 shows the question's own help, F10 quits at once as on
// every other screen (the footer says so), and the certificate stays untouched.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';

afterEach(cleanup);
let w: CertWorld;
let company: CertificateRecord;
beforeAll(async () => {
  w = await makeCertWorld();
  company = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma Pytanie'});
});
afterAll(() => w?.cleanup());

const footer = (f: string | undefined): string => (f ?? '').split('\n').filter((l) => /F1 /.test(l)).at(-1) ?? '';

describe('T/N question on the list', () => {
  it('F1 shows its help, Esc closes it, F10 quits at once; nothing is revoked', async () => {
    const onExit = vi.fn();
    const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-confirm" operator={w.admin} gateway={w.gateway} initialPath={['A', '1', '5', '7']} escTimeoutMs={0} onExit={onExit} />);
    await waitForFrame(r.lastFrame, '1 z 1', 5000);
    r.stdin.write(KEYS.f8);
    await waitForFrame(r.lastFrame, 'Unieważnienie certyfikatu „Firma Pytanie”');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Operacji nie można cofnąć. (T/N)');
    await vi.waitFor(() => expect(footer(r.lastFrame())).toMatch(/F1 Pomoc.*Esc Powrót.*F10 Koniec/), {timeout: 8000, interval: 5});
    r.stdin.write(KEYS.f1);
    await waitForFrame(r.lastFrame, 'Pomoc — unieważnienie certyfikatu');
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, 'Pomoc — unieważnienie certyfikatu');
    expect(r.lastFrame()).toContain('Operacji nie można cofnąć. (T/N)');
    r.stdin.write(KEYS.f10);
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledWith('quit'), {timeout: 8000, interval: 5});
    expect((await w.store.getCertificate(company.id))!.state).toBe('issued');
  });
});
