// `sign-demo`: the demo identity's key read and auth.xml signed with it (XAdES, test identities only).
import type {KeyObject} from 'node:crypto';
import {readPrivateKey} from '../ksef/keys.js';
import {signAuthTokenRequest} from '../ksef/xades.js';

export const readDemoKey = (pem: string): KeyObject => readPrivateKey(Buffer.from(pem));

export const signWithDemoIdentity = (xml: string, id: {certPem: string; key: KeyObject}): Promise<string> =>
  signAuthTokenRequest(xml, {certPem: id.certPem, key: id.key, type: 'A'});
