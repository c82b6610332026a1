// Who may manage (generate, export, revoke, delete) a certificate of a given owner.
import type {Owner} from './codes.js';
import type {Operator} from './entities.js';

/** An ordinary operator manages only their own operator certificates; an admin manages every owner. */
export function canManage(op: Pick<Operator, 'code' | 'role' | 'disabled'>, owner: Owner): boolean {
  if (op.disabled) return false;
  if (op.role === 'admin') return true;
  return owner.kind === 'operator' && owner.code === op.code;
}
