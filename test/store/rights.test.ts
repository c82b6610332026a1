import {describe, expect, it} from 'vitest';
import type {Operator, Owner} from '../../src/domain/index.js';
import {canManage} from '../../src/domain/rights.js';

const op = (code: string, role: Operator['role'], disabled?: boolean) => ({code, role, disabled});
const owners: Owner[] = [
  {kind: 'operator', code: 'JKOWALSKI'}, {kind: 'operator', code: 'ANOWAK'}, {kind: 'branch', code: 'CENTRALA'}, {kind: 'company'},
];

describe('canManage', () => {
  it('an ordinary operator manages only their own operator certificates', () => {
    expect(owners.map((o) => canManage(op('JKOWALSKI', 'operator'), o))).toEqual([true, false, false, false]);
  });
  it('an admin manages every owner', () => {
    expect(owners.map((o) => canManage(op('ADMIN', 'admin'), o))).toEqual([true, true, true, true]);
  });
  it('a disabled account manages nothing', () => {
    expect(owners.some((o) => canManage(op('ADMIN', 'admin', true), o))).toBe(false);
    expect(canManage(op('JKOWALSKI', 'operator', true), owners[0])).toBe(false);
  });
});
