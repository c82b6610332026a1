// node-webcrypto-p11 brings its own @peculiar/x509 (tsyringe): the Reflect metadata polyfill must load first.
import 'reflect-metadata';
export {Crypto, CryptoKey} from 'node-webcrypto-p11';
