// English texts: argument refusals of `generate`, `resume` and `login`. Typed against ../pl/cli-enroll.ts.
import type {cliEnroll as pl} from '../pl/cli-enroll.js';
import type {EnglishOf} from '../placeholders.js';

export const cliEnroll = {
  'cli.enroll.keyPasswordPrompt': 'Password of the key backup (.key): ',
  'cli.enroll.needOwner': 'Give the owner: --owner company, branch:CODE or operator:CODE.',
  'cli.enroll.needEnv': 'Give the environment: --env D, P or T.',
  'cli.enroll.needType': 'Give the type: --type A (authentication) or O (offline).',
  'cli.enroll.needRecord': 'Give the record identifier or the request reference number (`ksef-certs list` shows them).',
  'cli.enroll.needName': 'Give the certificate name: --name NAME.',
  'cli.enroll.badMode': 'Mode: --mode B (current) or Z (after the current one expires).',
  'cli.enroll.needAuth': 'Choose how to authorise: --signed FILE (signed auth.xml) or --auth-cert SERIAL_NO.',
  'cli.enroll.abandonOnlyId': 'Give only the request identifier: ksef-certs resume ID --abandon',
  'cli.enroll.needCert': 'Give the certificate: --cert SERIAL_NO.',
} as const satisfies EnglishOf<typeof pl>;
