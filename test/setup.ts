// @peculiar/x509 (tsyringe) needs the Reflect metadata polyfill before it is imported.
import 'reflect-metadata';
// The English catalogue loads on demand in the app (src/i18n/index.ts loadLang); tests use both languages at once.
import {loadLang} from '../src/i18n/index.js';
await loadLang('en');
