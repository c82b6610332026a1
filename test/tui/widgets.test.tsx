import React, {useState} from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {Text} from 'ink';
import {KeyProvider, useKeys} from '../../src/tui/keys/KeyProvider.js';
import {keyId} from '../../src/tui/keys/key.js';
import {Spinner, SPINNER_FRAMES} from '../../src/tui/components/Spinner.js';
import {StepProgress, formatElapsed, type Step} from '../../src/tui/components/StepProgress.js';
import {MessageBox} from '../../src/tui/components/MessageBox.js';
import {ConfirmDialog} from '../../src/tui/components/ConfirmDialog.js';
import {Countdown, countdownView} from '../../src/tui/components/Countdown.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Spinner', () => {
  it('advances frames and clears its interval on unmount', async () => {
    const set = vi.spyOn(globalThis, 'setInterval');
    const clear = vi.spyOn(globalThis, 'clearInterval');
    const r = render(<Spinner label="Wysyłanie podpisu" intervalMs={10} />);
    await waitForFrame(r.lastFrame, `${SPINNER_FRAMES[0]} Wysyłanie podpisu`);
    await waitForFrame(r.lastFrame, `${SPINNER_FRAMES[2]} Wysyłanie podpisu`);
    const handle = set.mock.results.find((_, i) => set.mock.calls[i][1] === 10)?.value;
    expect(handle).toBeDefined();
    r.unmount();
    expect(clear).toHaveBeenCalledWith(handle);
  });
});

describe('StepProgress', () => {
  it('marks done / active / failed / pending steps with elapsed times from the clock', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const steps = (s: Step['state'][]): Step[] => [
      {id: 'sign', label: 'Wysłanie podpisu', state: s[0]},
      {id: 'poll', label: 'Status uwierzytelnienia', state: s[1], detail: 'Oczekiwanie na KSeF…'},
      {id: 'csr', label: 'Klucz i CSR', state: s[2], detail: 'Błąd 25007: brak uprawnień'},
    ];
    function Harness({states}: {states: Step['state'][]}) {
      return <StepProgress steps={steps(states)} clock={clock} tickMs={10} />;
    }
    const r = render(<Harness states={['active', 'pending', 'pending']} />);
    await waitForFrame(r.lastFrame, 'Wysłanie podpisu (0 s)');
    expect(r.lastFrame()).toMatch(/· Status uwierzytelnienia\n/);
    expect(r.lastFrame()).not.toContain('Oczekiwanie na KSeF'); // pending steps hide their detail
    now += 3_000;
    await waitForFrame(r.lastFrame, 'Wysłanie podpisu (3 s)'); // ticks while active
    r.rerender(<Harness states={['done', 'active', 'pending']} />);
    await waitForFrame(r.lastFrame, '✓ Wysłanie podpisu (3 s)');
    now += 65_000;
    await waitForFrame(r.lastFrame, 'Status uwierzytelnienia (1:05)');
    expect(r.lastFrame()).toContain('Oczekiwanie na KSeF…');
    r.rerender(<Harness states={['done', 'done', 'failed']} />);
    await waitForFrame(r.lastFrame, '✗ Klucz i CSR');
    expect(r.lastFrame()).toContain('Błąd 25007: brak uprawnień');
    expect(r.lastFrame()).toContain('✓ Status uwierzytelnienia (1:05)');
    expect(formatElapsed(59_999)).toBe('59 s');
    expect(formatElapsed(600_000)).toBe('10:00');
  });
});

describe('MessageBox', () => {
  it('shows a Polish title by kind and closes on any key', async () => {
    const onClose = vi.fn();
    const r = render(
      <KeyProvider escTimeoutMs={0}>
        <MessageBox kind="error" message={['Nieprawidłowe hasło klucza.', 'Spróbuj ponownie.']} onClose={onClose} />
      </KeyProvider>,
    );
    await waitForFrame(r.lastFrame, 'Błąd');
    expect(r.lastFrame()).toContain('Nieprawidłowe hasło klucza.');
    expect(r.lastFrame()).toContain('Naciśnij dowolny klawisz, aby zamknąć.');
    r.stdin.write('x');
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });

  it('Enter closes a warning; titles for info and warning', async () => {
    const onClose = vi.fn();
    const r = render(<KeyProvider escTimeoutMs={0}><MessageBox kind="warning" message="Certyfikat wygasł." onClose={onClose} /></KeyProvider>);
    await waitForFrame(r.lastFrame, 'Ostrzeżenie');
    r.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    const r2 = render(<KeyProvider escTimeoutMs={0}><MessageBox message="Zapisano." onClose={() => {}} /></KeyProvider>);
    await waitForFrame(r2.lastFrame, 'Informacja');
  });
});

describe('ConfirmDialog', () => {
  function Harness({defaultChoice}: {defaultChoice?: 'yes' | 'no'}) {
    const [answer, setAnswer] = useState('');
    if (answer) return <Text>{`Odpowiedź: ${answer}`}</Text>;
    return (
      <ConfirmDialog message="Unieważnić certyfikat 0123?" defaultChoice={defaultChoice}
        onYes={() => setAnswer('tak')} onNo={() => setAnswer('nie')} />
    );
  }
  const mount = (defaultChoice?: 'yes' | 'no') => render(<KeyProvider escTimeoutMs={0}><Harness defaultChoice={defaultChoice} /></KeyProvider>);

  it('T answers yes, N answers no, other letters are ignored', async () => {
    let r = mount();
    await waitForFrame(r.lastFrame, 'Unieważnić certyfikat 0123?');
    expect(r.lastFrame()).toContain('Tak');
    r.stdin.write('xT');
    await waitForFrame(r.lastFrame, 'Odpowiedź: tak');
    r.unmount();
    r = mount('yes');
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write('n');
    await waitForFrame(r.lastFrame, 'Odpowiedź: nie');
  });

  it('Enter takes the default (no), Esc is no, arrows change the highlighted answer', async () => {
    let r = mount();
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Odpowiedź: nie');
    r.unmount();
    r = mount('yes');
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Odpowiedź: nie');
    r.unmount();
    r = mount('yes');
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Odpowiedź: tak');
    r.unmount();
    r = mount('no');
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write(`${KEYS.left}\r`);
    await waitForFrame(r.lastFrame, 'Odpowiedź: tak');
  });

  it('F1 and F10 go on to the screen and the app (help, quit at once); the question stays open', async () => {
    const heard: string[] = [];
    function Below() {
      useKeys(key => void heard.push(keyId(key)), {priority: 0});
      return null;
    }
    const r = render(<KeyProvider escTimeoutMs={0}><Below /><Harness /></KeyProvider>);
    await waitForFrame(r.lastFrame, 'Unieważnić');
    r.stdin.write(KEYS.f1);
    r.stdin.write(KEYS.f10);
    r.stdin.write('x');
    await vi.waitFor(() => expect(heard).toEqual(['f1', 'f10']), {timeout: 8000, interval: 5});
    expect(r.lastFrame()).toContain('Unieważnić');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Odpowiedź: tak');
    expect(heard).toEqual(['f1', 'f10']); // T, x were the question's
  });
});

describe('Countdown', () => {
  it('formats mm:ss, is urgent in the last minute', () => {
    expect(countdownView(600_000)).toEqual({seconds: 600, text: '10:00', urgent: false});
    expect(countdownView(60_500)).toEqual({seconds: 61, text: '01:01', urgent: false});
    expect(countdownView(60_000)).toEqual({seconds: 60, text: '01:00', urgent: true});
    expect(countdownView(1)).toEqual({seconds: 1, text: '00:01', urgent: true});
    expect(countdownView(-5)).toEqual({seconds: 0, text: '00:00', urgent: true});
  });

  it('counts down with the clock and calls onExpire once', async () => {
    let now = 0;
    const onExpire = vi.fn();
    const r = render(<Countdown deadline={600_000} clock={() => now} tickMs={5} onExpire={onExpire} />);
    await waitForFrame(r.lastFrame, 'Pozostało 10:00');
    now = 545_200;
    await waitForFrame(r.lastFrame, 'Pozostało 00:55');
    expect(onExpire).not.toHaveBeenCalled();
    now = 600_000;
    await waitForFrame(r.lastFrame, 'Czas minął');
    await vi.waitFor(() => expect(onExpire).toHaveBeenCalledTimes(1));
    now = 700_000;
    r.rerender(<Countdown deadline={600_000} clock={() => now} tickMs={5} onExpire={onExpire} />);
    await waitForFrame(r.lastFrame, 'Czas minął');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
