// English catalogue (--lang en): the same areas as ../pl, each typed against its Polish file (same keys); here the
// whole catalogue is checked to name the same `{placeholders}` as the Polish one, key by key.
import type {MessageKey, pl} from '../pl/index.js';
import type {PlaceholdersAgree} from '../placeholders.js';
import {ui} from './ui.js';
import {ksef} from './ksef.js';
import {operations} from './operations.js';
import {cli} from './cli.js';
import {store} from './store.js';
import {cliOptions} from './cli-options.js';
import {cliOutput} from './cli-output.js';
import {demo} from './demo.js';
import {certs} from './certs.js';

const all = {...ui, ...ksef, ...operations, ...cli, ...store, ...cliOptions, ...cliOutput, ...demo, ...certs} as const;

/** Fails the build naming the keys whose English text has other placeholders than the Polish one. */
export const placeholdersAgree: PlaceholdersAgree<typeof pl, typeof all> = true;

export const en: Record<MessageKey, string> = all;
