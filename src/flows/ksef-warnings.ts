// KSeF's X-System-Warning (API 2.6+: "[code]: message | …"): never dropped. The CLI prints each on stderr, the TUI
// shows it on the message line, and both write it to the audit log next to the operation that received it.
import type {Store} from '../store/types.js';
import type {KsefGateway, KsefWarning} from './gateway.js';

/** Header text from outside: no control characters (terminal escapes) and a bounded length. */
export const cleanWarning = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 500);

export interface WarningAuditDeps {
  store: Pick<Store, 'audit'>;
  operator: string;
  workstation: string;
}

export function auditWarning(deps: WarningAuditDeps, w: KsefWarning): Promise<void> {
  return deps.store
    .audit({operator: deps.operator, workstation: deps.workstation, action: 'ksefWarning', details: `${w.operation}: ${cleanWarning(w.warning)}`})
    .then(() => undefined);
}

export interface WarningWatch {
  stop(): void;
  /** Waits for audit writes still in flight (the CLI calls it before exiting). */
  flush(): Promise<void>;
}

/**
 * Subscribes `show` (the user's view) and, once an operator is known (`auditTo()` returns deps), the audit log to
 * every warning of the gateway.
 */
export function watchKsefWarnings(gateway: KsefGateway, show: (text: string) => void, auditTo: () => WarningAuditDeps | undefined): WarningWatch {
  const pending = new Set<Promise<void>>();
  const stop = gateway.onWarning((w) => {
    show(cleanWarning(w.warning));
    const deps = auditTo();
    if (!deps) return;
    // An audit failure must not turn a successful KSeF call into an error.
    const p = auditWarning(deps, w).catch(() => undefined);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  return {stop: () => void stop(), flush: async () => void (await Promise.all([...pending]))};
}
