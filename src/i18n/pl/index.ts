// Polish catalogue (default): the area files merged into one flat object of keys.
import {ui} from './ui.js';
import {ksef} from './ksef.js';
import {operations} from './operations.js';
import {cli} from './cli.js';
import {store} from './store.js';
import {cliOptions} from './cli-options.js';
import {cliOutput} from './cli-output.js';
import {demo} from './demo.js';
import {certs} from './certs.js';

export const pl = {...ui, ...ksef, ...operations, ...cli, ...store, ...cliOptions, ...cliOutput, ...demo, ...certs} as const;

export type MessageKey = keyof typeof pl;
