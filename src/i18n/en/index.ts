// English catalogue (--lang en): the same areas as ../pl, each typed against its Polish file (same keys); here the
// whole catalogue is checked to name the same `{placeholders}` as the Polish one, key by key.
import {mergeAreas} from '../merge.js';
import type {MessageKey, pl} from '../pl/index.js';
import type {PlaceholdersAgree} from '../placeholders.js';
import {ui} from './ui.js';
import {ksef} from './ksef.js';
import {operations} from './operations.js';
import {cli} from './cli.js';
import {store} from './store.js';
import {ksefErrors} from './ksef-errors.js';
import {errors} from './errors.js';
import {crypto} from './crypto.js';
import {storeErrors} from './store-errors.js';
import {cliOptions} from './cli-options.js';
import {cliOutput} from './cli-output.js';
import {demo} from './demo.js';
import {labels} from './labels.js';
import {configErrors} from './config-errors.js';
import {flowErrors} from './flow-errors.js';
import {certs} from './certs.js';
import {storeBlobs} from './store-blobs.js';
import {generate} from './generate.js';
import {generateUi} from './generate-ui.js';
import {admin} from './admin.js';
import {flowRefusals} from './flow-refusals.js';
import {cliEnroll} from './cli-enroll.js';
import {auditLog} from './audit-log.js';

const all = mergeAreas(ui, ksef, operations, cli, store, ksefErrors, errors, crypto, storeErrors, cliOptions, cliOutput, demo, labels, configErrors, flowErrors, certs, storeBlobs, generate, generateUi, admin, flowRefusals, cliEnroll, auditLog);

/** Fails the build naming the keys whose English text has other placeholders than the Polish one. */
export const placeholdersAgree: PlaceholdersAgree<typeof pl, typeof all> = true;

export const en: Record<MessageKey, string> = all;
