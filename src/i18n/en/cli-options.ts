// English texts: the CLI's option tables. Typed against ../pl/cli-options.ts: every Polish key needs an English text.
import type {cliOptions as pl} from '../pl/cli-options.js';
import type {EnglishOf} from '../placeholders.js';

export const cliOptions = {
  'cli.usageLabel': 'Usage:',
  'cli.helpHint': 'Help: ksef-certs {command} --help',
  'cli.unexpectedArgument': 'Unexpected argument: {value}',
  'cli.noValue': 'Option {name} takes no value.',
  'cli.repeatedOption': 'Option {name} given twice.',

  'cli.ph.file': 'FILE',
  'cli.ph.dir': 'DIR',
  'cli.ph.code': 'CODE',
  'cli.ph.serial': 'SERIAL',
  'cli.ph.name': 'NAME',
  'cli.ph.text': 'TEXT',
  'cli.ph.label': 'LABEL',
  'cli.ph.action': 'ACTION',
  'cli.ph.date': 'YYYY-MM-DD',
  'cli.ph.owner': 'company|branch:CODE|operator:CODE',

  'cli.o.json': 'output as a JSON document (errors too: {"error": …})',
  'cli.o.envFilter': 'only this environment: D demo, P production, T test',
  'cli.o.env': 'KSeF environment: D demo, P production, T test',
  'cli.o.typeFilter': 'only this type: A authentication, O offline',
  'cli.o.type': 'certificate type: A authentication, O offline',
  'cli.o.owner': 'owner: the company, branch CODE or operator CODE',
  'cli.o.pinFile': 'file holding the token PIN (first line); else KSEF_CERTS_PKCS11_PIN or a prompt',
  'cli.o.pkcs11Token': 'PKCS#11 token label (module: KSEF_CERTS_PKCS11_MODULE)',
  'cli.o.passwordFile': 'file holding the password (first line); never a password on the command line',
  'cli.o.keyPasswordFile': 'file holding the password of the .key copy (first line); else KSEF_CERTS_PASSWORD or a prompt',
  'cli.o.signed': 'auth.xml signed outside the program (XAdES) for a challenge from auth-request',
  'cli.o.authCert': 'authorise with the stored type-A certificate of this serial number',
  'cli.o.cert': 'certificate (serial number)',

  'cli.audit.synopsis': 'ksef-certs audit [--json] [--action ACTION] [--operator CODE] [--serial TEXT] [--limit N]',
  'cli.audit.o.action': 'only events of this kind (code, e.g. export, ksefLogin, qrSign)',
  'cli.audit.o.serial': 'only events containing this text (serial number, details, workstation, operator)',
  'cli.audit.o.limit': 'at most N newest events',
  'cli.show.synopsis': 'ksef-certs show SERIAL [--json]',
  'cli.list.synopsis': 'ksef-certs list [--json] [--env D|P|T] [--type A|O] [--status active|waiting|expired|revoked|pending|failed]',
  'cli.list.o.status': 'only this status: active, waiting, expired, revoked, pending, failed (Polish names accepted too)',
  'cli.config.synopsis':
    'ksef-certs config show [--json]\n' +
    'ksef-certs config set-workstation [--sign-folder DIR] [--sign-command TEXT] [--export-folder DIR] [--language pl|en]\n' +
    'ksef-certs config set-branch CODE [--env D|P|T] [--auth E|Z|C] [--context N | --context W:NIP-NNNNN] [--api-url URL|-]',
  'cli.config.o.signFolder': 'folder for auth.xml and signed files [A-1-5-2]',
  'cli.config.o.signCommand': "command that opens the e-signature ({file} / {dir}); '' removes the command",
  'cli.config.o.exportFolder': 'export folder (.crt/.key)',
  'cli.config.o.language': 'language of the workstation: pl or en',
  'cli.config.o.auth': 'authorisation method: E e-signature, Z Profil Zaufany, C KSeF certificate',
  'cli.config.o.context': 'context: N (company NIP) or W:NIP-NNNNN (InternalId)',
  'cli.config.o.apiUrl': "the branch's KSeF API address; - restores the default",
  'cli.config.note': 'Subcommands: show, set-workstation, set-branch CODE. Subcommand help: ksef-certs config set-branch --help',
  'cli.operator.synopsis': 'ksef-certs operator set-pesel CODE (PESEL | --clear) [--json]',
  'cli.operator.o.clear': "removes the operator's PESEL",
  'cli.store.synopsis': 'ksef-certs store copy --to postgresql://…|DIR [--json]',
  'cli.store.o.to': 'where to copy the store: a PostgreSQL address or an empty folder',
  'cli.status.synopsis': 'ksef-certs status [--env D|P|T] [--json]',
  'cli.tokens.synopsis': 'ksef-certs tokens [--pkcs11-token LABEL [--pin-file FILE]] [--json]   (module: KSEF_CERTS_PKCS11_MODULE)',
  'cli.tokens.o.token': 'show the certificates on the token with this label (without it: the tokens)',
  'cli.export.synopsis': 'ksef-certs export SERIAL --dir FOLDER [--password-file FILE] [--overwrite] [--json]',
  'cli.export.o.dir': 'target folder (.crt + .key)',
  'cli.export.o.overwrite': 'overwrite existing files',
  'cli.export.note': 'Key password (at least 12 characters: upper and lower case, digit, special): --password-file (first line),\nvariable KSEF_CERTS_EXPORT_PASSWORD or a prompt on a terminal.',
  'cli.revoke.synopsis': 'ksef-certs revoke SERIAL --reason Unspecified|Superseded|KeyCompromise [--yes] [--json]',
  'cli.revoke.o.reason': 'reason: Unspecified, Superseded, KeyCompromise',
  'cli.revoke.o.yes': 'no Y/N question (cannot be undone)',
  'cli.import.synopsis':
    'ksef-certs import --crt FILE --key FILE [--password-file FILE] --owner company|branch:CODE|operator:CODE\n' +
    '                  [--env D|P|T] [--force-env] [--type A|O] [--name NAME] [--force-expired] [--json]\n' +
    'ksef-certs import --pkcs11-token LABEL (--crt FILE | --token-cert ID) [--pin-file FILE] --owner … [same options]',
  'cli.import.o.crt': 'certificate file (PEM or DER)',
  'cli.import.o.key': 'private key file (PKCS#8, PKCS#1, SEC1; encrypted or not)',
  'cli.import.o.password': 'file holding the key password (first line); else KSEF_CERTS_PASSWORD or a prompt',
  'cli.import.o.env': 'environment (read from the issuer; a conflicting one needs --force-env)',
  'cli.import.o.forceEnv': "accept an --env that contradicts the certificate's issuer",
  'cli.import.o.type': 'type (read from the certificate): A or O',
  'cli.import.o.name': 'name of the certificate in the store',
  'cli.import.o.forceExpired': 'import even though it has expired',
  'cli.import.o.tokenCert': 'CKA_ID of the certificate on the token (ksef-certs tokens --pkcs11-token LABEL)',
  'cli.import.note': "Key already on a token (module: KSEF_CERTS_PKCS11_MODULE): found by the certificate's public key.\nEnvironment and type are read from the certificate; an --env contradicting the issuer needs --force-env.",
  'cli.qr.synopsis':
    'ksef-certs qr --invoice FILE.xml [--seller-nip NIP] [--context Nip:NIP|InternalId:ID] [--issue-date YYYY-MM-DD]\n' +
    '              [--cert SERIAL] [--env D|P|T] [--png DIR] [--svg DIR] [--pin-file FILE] [--json]\n' +
    'ksef-certs qr --batch DIR --out DIR [--workers N] [same options]',
  'cli.qr.o.invoice': 'FA(3) invoice as XML',
  'cli.qr.o.batch': 'folder of invoices (.xml), processed on all cores',
  'cli.qr.o.out': 'folder for the results of --batch',
  'cli.qr.o.sellerNip': "seller's NIP (default: from the invoice)",
  'cli.qr.o.context': 'KOD II context: Nip:NIP or InternalId:ID',
  'cli.qr.o.issueDate': 'issue date (default: from the invoice)',
  'cli.qr.o.cert': 'type-O certificate (serial number; default: the only one that fits)',
  'cli.qr.o.png': 'write the codes as PNG into this folder',
  'cli.qr.o.svg': 'write the codes as SVG into this folder',
  'cli.qr.o.workers': 'number of worker threads for --batch',
  'cli.verifyQr.synopsis': 'ksef-certs verify-qr LINK [--invoice FILE.xml] [--cert FILE.crt] [--json]',
  'cli.verifyQr.o.invoice': 'invoice XML: checks the hash in KOD I / KOD II',
  'cli.verifyQr.o.cert': 'type-O certificate (.crt): checks the KOD II signature',
  'cli.authRequest.synopsis': 'ksef-certs auth-request --env D|P|T --nip NIP --out auth.xml [--api URL] [--json]',
  'cli.authRequest.o.nip': 'NIP of the context',
  'cli.authRequest.o.out': 'output file (unsigned auth.xml)',
  'cli.signDemo.synopsis': 'ksef-certs sign-demo FILE_auth.xml [--as OPERATOR] [--json]   (demo mode only; test signature)',
  'cli.signDemo.o.as': "sign with the TEST person identity of this operator (their PESEL) instead of the company seal",
  'cli.demoReset.synopsis': 'ksef-certs [--data DIR] demo-reset --yes [--json]',
  'cli.demoReset.o.yes': 'really delete the demo folder\'s contents and create it again',
  'cli.generate.o.name': 'certificate name (5–100 characters)',
  'cli.generate.o.validFrom': 'start of validity (default: today)',
  'cli.generate.o.mode': 'mode: B current, Z after the current one expires',
  'cli.generate.o.pkcs11Token': 'key on the PKCS#11 token with this label instead of in the store',
  'cli.resume.o.abandon': 'KSeF has no certificate for this request: mark it as not sent',
  'cli.resume.o.keyPasswordFile': 'file holding the password of the .crt/.key copy in the export folder (without it: no copy)',
  'cli.generate.synopsis':
    'ksef-certs generate --owner company|branch:CODE|operator:CODE --env D|P|T --type A|O --name NAME\n' +
    '                    [--valid-from YYYY-MM-DD] [--mode B|Z] (--key-password-file FILE | --pkcs11-token LABEL [--pin-file FILE])\n' +
    '                    (--signed SIGNED_auth.xml | --auth-cert SERIAL) [--api URL] [--json]',
  'cli.resume.synopsis':
    'ksef-certs resume ID_OR_REFERENCE (--signed SIGNED_auth.xml | --auth-cert SERIAL)\n' +
    '                  [--key-password-file FILE] [--api URL] [--json]\n' +
    'ksef-certs resume ID --abandon [--json]',
  'cli.login.synopsis': 'ksef-certs login --cert SERIAL [--pin-file FILE] [--api URL] [--json]',
} as const satisfies EnglishOf<typeof pl>;
