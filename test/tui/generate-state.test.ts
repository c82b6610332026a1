// The pure state of the generate path's screens: the generate reducer (phases, a result after Esc), the
// authorisation step's reducer (skipped files kept to two, help, sub-views) and the step updates (times stamped).
import {describe, expect, it} from 'vitest';
import type {PreparedGenerate} from '../../src/flows/services/generate.js';
import type {PreparedAuthRequest} from '../../src/flows/authorize.js';
import {generateReducer, initialGenerate} from '../../src/screens/cert-generate-state.js';
import {authReducer, INITIAL_AUTH, MAX_REJECTED} from '../../src/screens/auth-step-state.js';
import {failActive, markStep} from '../../src/screens/step-run.js';

const prepared = (kind: 'certificate' | 'signature') =>
  ({auth: kind === 'certificate' ? {kind, via: {id: 'x'}} : {kind, method: 'esignature'}}) as unknown as PreparedGenerate;

describe('generateReducer', () => {
  it('a stored certificate goes straight to the progress, a signature to the authorisation step', () => {
    expect(generateReducer(initialGenerate(), {type: 'prepared', prepared: prepared('certificate')}).phase.kind).toBe('progress');
    expect(generateReducer(initialGenerate(), {type: 'prepared', prepared: prepared('signature')}).phase.kind).toBe('auth');
  });

  it('after Esc a late result or failure does not undo "cancelled"; the pending request named later is kept', () => {
    let s = generateReducer(initialGenerate(), {type: 'cancelled'});
    s = generateReducer(s, {type: 'done', result: {} as never});
    s = generateReducer(s, {type: 'failed', message: {text: 'x'}, pendingLeft: false});
    expect(s.phase).toEqual({kind: 'cancelled', pendingName: undefined});
    s = generateReducer(s, {type: 'cancelled', pendingName: 'Firma (wniosek R)'});
    s = generateReducer(s, {type: 'cancelled'});
    expect(s.phase).toEqual({kind: 'cancelled', pendingName: 'Firma (wniosek R)'});
  });

  it('back to the form remounts it (formKey) with the error', () => {
    const s = generateReducer(initialGenerate(), {type: 'toForm', error: 'zły'});
    expect(s).toMatchObject({phase: {kind: 'form', error: 'zły'}, formKey: 1});
  });
});

describe('authReducer', () => {
  const req = {file: '/s/auth.xml', dir: '/s', challenge: 'C'} as PreparedAuthRequest;
  it('keeps the newest skipped files only; help and the card survive a new challenge', () => {
    let s = authReducer(INITIAL_AUTH, {type: 'card', card: {module: '/m.so'}});
    s = authReducer(s, {type: 'prepared', req});
    for (const f of ['a', 'b', 'c', 'd']) s = authReducer(s, {type: 'rejected', text: f});
    expect(s.kind === 'auth' && s.rejected).toEqual(['c', 'd'].slice(-MAX_REJECTED));
    s = authReducer(s, {type: 'help', open: true});
    s = authReducer(s, {type: 'preparing'});
    expect(s).toMatchObject({kind: 'preparing', help: true, card: {module: '/m.so'}});
  });

  it('a declined command clears the question; going back to waiting clears a pick error', () => {
    let s = authReducer(authReducer(INITIAL_AUTH, {type: 'prepared', req}), {type: 'askConfirm', confirm: {command: 'x'}});
    s = authReducer(s, {type: 'launched', text: 'nie uruchomiono'});
    expect(s).toMatchObject({launched: 'nie uruchomiono', confirm: undefined});
    s = authReducer(authReducer(authReducer(s, {type: 'sub', sub: 'pickFile'}), {type: 'pickError', text: 'brak'}), {type: 'sub', sub: 'waiting'});
    expect(s).toMatchObject({sub: 'waiting', pickError: undefined});
  });
});

describe('step updates', () => {
  it('stamp when a step starts and ends (elapsed time), a failure ends the step under way', () => {
    let steps = [{id: 'a', label: 'A', state: 'pending' as const}, {id: 'b', label: 'B', state: 'pending' as const}];
    let list = markStep(steps, 'a', 'active', undefined, 1000);
    list = markStep(list, 'a', 'active', 'czekam', 2000);
    list = markStep(list, 'a', 'done', undefined, 5000);
    expect(list[0]).toMatchObject({state: 'done', startedAt: 1000, endedAt: 5000, detail: 'czekam'});
    steps = markStep(list, 'b', 'active', undefined, 6000) as typeof steps;
    expect(failActive(steps, '[429] za szybko', 7000)[1]).toMatchObject({state: 'failed', startedAt: 6000, endedAt: 7000, detail: '[429] za szybko'});
  });
});
