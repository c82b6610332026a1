// Use cases bound to their dependencies. Screens and CLI commands call these and never reach the store or the KSeF
// client themselves. One file per area (`<area>.ts` exporting `<area>Services(deps)`), composed here.
import type {ServiceDeps} from './deps.js';
import {certificatesServices} from './certificates.js';
import {qrServices} from './qr.js';
import {importsServices} from './imports.js';

export type {ServiceDeps} from './deps.js';

export function makeServices(deps: ServiceDeps) {
  return {
    deps,
    certificates: certificatesServices(deps),
    qr: qrServices(deps),
    imports: importsServices(deps),
  };
}

export type Services = ReturnType<typeof makeServices>;
