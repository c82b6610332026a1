// What every bound use case needs, given once by the edge (the app shell or a CLI command).
import type {Branch, Operator} from '../../domain/index.js';
import type {Lang} from '../../i18n/index.js';
import type {Store} from '../../store/types.js';
import type {KsefGateway} from '../gateway.js';

export interface ServiceDeps {
  store: Store;
  /** Where KSeF calls go (embedded simulator or real KSeF). */
  gateway: KsefGateway;
  clock: () => Date;
  /** Host name; key of the workstation configuration. */
  workstation: string;
  /** Logged-in operator; undefined only before login. */
  operator?: Operator;
  branch?: Branch;
  /** Absolute data folder (store location). */
  dataDir: string;
  lang: Lang;
}
