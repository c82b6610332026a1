// English catalogue (--lang en): the same areas as ../pl, each typed against its Polish file.
import type {MessageKey} from '../pl/index.js';
import {ui} from './ui.js';
import {ksef} from './ksef.js';
import {operations} from './operations.js';
import {cli} from './cli.js';
import {store} from './store.js';
import {generate} from './generate.js';
import {generateUi} from './generate-ui.js';

export const en: Record<MessageKey, string> = {...ui, ...ksef, ...operations, ...cli, ...store, ...generate, ...generateUi};
