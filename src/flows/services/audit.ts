// Bound use cases of [A-1-5-6] Dziennik zdarzeń.
import type {AuditEvent} from '../../domain/index.js';
import {filterAudit} from '../list-view.js';
import type {ServiceDeps} from './deps.js';

export function auditServices(deps: ServiceDeps) {
  return {
    /** Every audit event, newest first. */
    events: async (): Promise<AuditEvent[]> => filterAudit(await deps.store.listAudit()),
  };
}
