// Generate / authorise / resume [A-1-5-4] for the screens and the CLI `generate`, `resume`, `login` (see
// generate-impl.ts). The implementation is loaded on the first call: the app context builds the services at start
// and must not pull in the KSeF crypto stack before a screen needs it.
import type {CertificateRecord, CertificateView, EnvCode, Owner} from '../../domain/index.js';
import type {PreparedAuthRequest, WatchOptions} from '../authorize.js';
import type {CardCertificate} from '../card-sign.js';
import type {GenerateRequest} from '../generate.js';
import type {OwnerTarget, SessionAuth, SessionEvent} from '../open-session.js';
import type {TokenAccess} from '../token-keys.js';
import type {ServiceDeps} from './deps.js';
import type {PreparedGenerate, PreparedResume, RunOptions} from './generate-impl.js';

export type {GenerateSetup, PreparedGenerate, PreparedResume, RunOptions, RunOutcome} from './generate-impl.js';

type Impl = ReturnType<typeof import('./generate-impl.js').bindGenerate>;

export function generateServices(deps: ServiceDeps) {
  let bound: Promise<Impl> | undefined;
  const impl = (): Promise<Impl> => (bound ??= import('./generate-impl.js').then((m) => m.bindGenerate(deps)));
  const signing = async () => (await impl()).signing;
  return {
    setup: async () => (await impl()).setup(),
    /** Owner → branch → context / API URL / authorisation method. */
    target: async (owner: Owner) => (await impl()).target(owner),
    /** The rules, once per submit (see generate-impl.ts). */
    prepare: async (req: GenerateRequest, o?: {auto?: boolean}) => (await impl()).prepare(req, o),
    session: async (o: {env: EnvCode; target: OwnerTarget; auth: SessionAuth; signal?: AbortSignal; onStep?: (e: SessionEvent) => void; token?: TokenAccess}) =>
      (await impl()).session(o),
    generate: async (p: PreparedGenerate, o?: RunOptions) => (await impl()).generate(p, o),
    findEnrollment: async (idOrRef: string) => (await impl()).findEnrollment(idOrRef),
    prepareResume: async (record: CertificateView, o?: {auto?: boolean}) => (await impl()).prepareResume(record, o),
    resume: async (p: PreparedResume, o?: RunOptions) => (await impl()).resume(p, o),
    abandon: async (recordId: string) => (await impl()).abandon(recordId),
    /** The external-signature step: auth.xml in the sign folder, the watch, a picked file, the signing command, the card. */
    signing: {
      prepare: async (o: {env: EnvCode; target: Pick<OwnerTarget, 'context' | 'apiUrl'>; signal?: AbortSignal}): Promise<PreparedAuthRequest> => (await signing()).prepare(o),
      cleanup: async (req: Pick<PreparedAuthRequest, 'file' | 'dir' | 'challenge'>, signedFile?: string) => (await signing()).cleanup(req, signedFile),
      watch: async (dir: string, o: Omit<WatchOptions, 't'>) => (await signing()).watch(dir, o),
      readSignedFile: async (file: string, challenge?: string) => (await signing()).readSignedFile(file, challenge),
      launch: async (cmd: string, o: {file: string; dir: string; onExit?: (message: string | undefined) => void}) => (await signing()).launch(cmd, o),
      command: async (demo: boolean, signAs?: string) => (await signing()).command(demo, signAs),
      card: async () => (await signing()).card(),
      cardCertificates: async (access: TokenAccess): Promise<CardCertificate[]> => (await signing()).cardCertificates(access),
      signWithCard: async (access: TokenAccess, cert: CardCertificate, file: string) => (await signing()).signWithCard(access, cert, file),
    },
  };
}

export type GenerateServices = ReturnType<typeof generateServices>;
