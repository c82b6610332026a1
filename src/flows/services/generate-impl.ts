// Generate / authorise / resume [A-1-5-4] bound to the session's store, gateway, clock, workstation and operator (the
// implementation behind ./generate.ts, loaded on first use: it pulls in the KSeF crypto stack). The rules run once
// per submit (prepare), the session is opened one way (openSession) and a run tells which record it left.
import type {Branch, CertificateRecord, CertificateView, EnvCode, Operator, Owner} from '../../domain/index.js';
import {authCandidate, wholeWhere} from '../whole-records.js';
import {canManage} from '../../domain/rights.js';
import {makeT, type Translate} from '../../i18n/index.js';
import type {KsefSession} from '../../ksef/client/index.js';
import {chooseAuthorization, type AuthorizationPlan} from '../auth-plan.js';
import {
  cleanupAuthFiles, launchSignCommand, prepareAuthRequest, readSignedFile, watchForSignedFile, type PreparedAuthRequest, type WatchOptions,
} from '../authorize.js';
import {cardCertificates, cardModule, signAuthXmlWithCard, type CardCertificate} from '../card-sign.js';
import {catalogueError} from '../errors.js';
import {TokenError} from '../../ksef/pkcs11/errors.js';
import {demoSignCommand} from '../generate-demo.js';
import {
  abandonEnrollment, enrollCertificate, planGenerate, resumeEnrollment,
  type GenerateDeps, type GenerateOptions, type GeneratePlan, type GenerateRequest, type GenerateResult,
} from '../generate.js';
import {openSession, ownerTargetOf, resolveOwnerTarget, type OwnerTarget, type SessionAuth, type SessionEvent} from '../open-session.js';
import {ownerLabel} from '../owner-label.js';
import type {TokenAccess} from '../token-keys.js';
import type {ServiceDeps} from './deps.js';
import {readFile} from 'node:fs/promises';

/** What the generate form needs: the owners to offer, the records (start date, mode Z), the workstation's card. */
export interface GenerateSetup {
  operators: Operator[];
  branches: Branch[];
  records: CertificateView[];
  companyName: string;
  companyNip: string;
  /** The workstation's PKCS#11 module [A-1-5-2]: offers "klucz na tokenie" and "P — podpisz kartą". */
  card?: {module: string; label?: string};
}

/** A request checked by the rules, with how it is authorised and where it goes. */
export interface PreparedGenerate {
  req: GenerateRequest;
  plan: GeneratePlan;
  auth: AuthorizationPlan;
  target: OwnerTarget;
}

export interface PreparedResume {
  record: CertificateView;
  auth: AuthorizationPlan;
  target: OwnerTarget;
}

/** The end of a run: the result, or the error with the record it left behind (re-read by its id). */
export type RunOutcome =
  | {ok: true; result: GenerateResult}
  | {ok: false; error: unknown; record?: CertificateRecord};

export interface RunOptions extends GenerateOptions {
  /** How the KSeF session is opened; undefined: the prepared plan's stored certificate. */
  auth?: SessionAuth;
  onSession?: (e: SessionEvent) => void;
  /** PKCS#11 access (a stored certificate or a new key on the token). */
  token?: TokenAccess;
  keyPassword?: string;
}

export function bindGenerate(deps: ServiceDeps) {
  const t: Translate = makeT(deps.lang);
  const operator = (): Operator => {
    if (!deps.operator) throw new Error('generate services used before login');
    return deps.operator;
  };
  const flowDeps = (): GenerateDeps => ({store: deps.store, gateway: deps.gateway, operator: operator(), workstation: deps.workstation, now: deps.clock, t});
  const sessionAuth = (auth: AuthorizationPlan, given?: SessionAuth): SessionAuth => {
    if (given) return given;
    // The plan may hold a list row: the session reads the whole record (certificate and sealed key) by id.
    if (auth.kind === 'certificate') return {kind: 'certificate', via: auth.via.id};
    throw new Error('an external signature needs the signed bytes');
  };

  /** One read of what the rules and the target need. */
  async function load() {
    const [summaries, company, branches, operators] = await Promise.all([
      deps.store.listCertificates(), deps.store.company(), deps.store.listBranches(), deps.store.listOperators(),
    ]);
    // The rules read the subject of the type-A certificates that may log in: those are read whole.
    const records = await wholeWhere(deps.store, summaries, authCandidate);
    return {records, parties: {companyNip: company.nip, operators}, world: {company, branches, operators}};
  }

  async function session(o: {env: EnvCode; target: OwnerTarget; auth: SessionAuth; signal?: AbortSignal; onStep?: (e: SessionEvent) => void; token?: TokenAccess}): Promise<KsefSession> {
    return openSession(
      {store: deps.store, gateway: deps.gateway, operator: operator(), workstation: deps.workstation, now: deps.clock, token: o.token, t},
      {env: o.env, apiUrl: o.target.apiUrl, context: o.target.context, auth: o.auth, signal: o.signal, onStep: o.onStep},
    );
  }

  /** Opens the session, runs `body` in it, logs out; a failure keeps the id of the record the run stored. */
  async function inSession(
    env: EnvCode, target: OwnerTarget, auth: SessionAuth, o: RunOptions, body: (s: KsefSession, onRecord: (id: string) => void) => Promise<GenerateResult>,
    recordId?: string,
  ): Promise<RunOutcome> {
    let id = recordId;
    let s: KsefSession | undefined;
    try {
      s = await session({env, target, auth, signal: o.signal, onStep: o.onSession, token: o.token});
      return {ok: true, result: await body(s, (rid) => (id = rid))};
    } catch (error) {
      const record = id ? await deps.store.getCertificate(id).catch(() => undefined) : undefined;
      return {ok: false, error, record};
    } finally {
      void s?.logout().catch(() => undefined);
    }
  }

  return {
    async setup(): Promise<GenerateSetup> {
      const [operators, branches, records, company, ws] = await Promise.all([
        deps.store.listOperators(), deps.store.listBranches(), deps.store.listCertificates(), deps.store.company(), deps.store.workstation(deps.workstation),
      ]);
      return {operators, branches, records, companyName: company.name, companyNip: company.nip, card: cardModule(ws)};
    },

    /** Owner → branch → context / API URL / authorisation method. */
    target: (owner: Owner): Promise<OwnerTarget> => resolveOwnerTarget(deps.store, owner, operator()),

    /**
     * The rules, once per submit: the branch's API URL filled in; `auto` (the TUI) lets an active type-A certificate
     * of the owner sign by itself, otherwise req.authCertId (CLI --auth-cert) or an external signature.
     */
    async prepare(input: GenerateRequest, o: {auto?: boolean} = {}): Promise<PreparedGenerate> {
      const {records, parties, world} = await load();
      const op = operator();
      const target = ownerTargetOf(world, input.owner, op);
      const req: GenerateRequest = {...input, apiUrl: input.apiUrl ?? target.apiUrl};
      let auth: AuthorizationPlan;
      if (o.auto) {
        auth = chooseAuthorization(records, req.owner, req.env, target.authMethod, deps.clock(), parties);
        if (auth.kind === 'certificate') req.authCertId = auth.via.id; // checked by the rules like --auth-cert
      } else {
        const via = req.authCertId ? records.find((r) => r.id === req.authCertId || r.serial?.toUpperCase() === req.authCertId!.trim().toUpperCase()) : undefined;
        auth = via ? {kind: 'certificate', via} : {kind: 'signature', method: 'esignature'};
      }
      const plan = planGenerate(records, op, req, deps.clock(), parties);
      // "Klucz na tokenie" without a PKCS#11 module configured [A-1-5-2] (or KSEF_CERTS_PKCS11_MODULE).
      if (req.keyOnToken && !req.keyOnToken.access.module) throw new TokenError('noModule', {token: req.keyOnToken.label});
      return {req, plan, auth, target};
    },

    session,

    /** Opens the session and enrols the prepared request (no rules re-run); the record left is named on failure. */
    generate(p: PreparedGenerate, o: RunOptions = {}): Promise<RunOutcome> {
      return inSession(p.req.env, p.target, sessionAuth(p.auth, o.auth), o, (s, onRecord) =>
        enrollCertificate(flowDeps(), s, p.req, {...o, plan: p.plan, onRecord: (id) => (onRecord(id), o.onRecord?.(id))}),
      );
    },

    /** The record by id, enrollment reference number (case-insensitive) or serial. */
    async findEnrollment(idOrRef: string): Promise<CertificateRecord | undefined> {
      const ref = idOrRef.trim().toUpperCase();
      const byRef = async () => {
        const row = (await deps.store.listCertificates()).find((c) => c.enrollment?.referenceNumber?.toUpperCase() === ref);
        return row && deps.store.getCertificate(row.id);
      };
      return (await deps.store.getCertificate(idOrRef.trim())) ?? (await byRef());
    },

    /** A pending record the operator may finish, how its session is authorised (the same identity) and where. */
    async prepareResume(record: CertificateView, o: {auto?: boolean} = {}): Promise<PreparedResume> {
      if (record.state !== 'pending' || !record.enrollment) throw catalogueError('resume.notPending', {name: record.name}, 'notPending');
      const op = operator();
      if (!canManage(op, record.owner)) throw catalogueError('resume.forbidden', {operator: op.code, name: record.name, owner: ownerLabel(record.owner, t)}, 'forbidden');
      const {records, parties, world} = await load();
      const target = ownerTargetOf(world, record.owner, op);
      // KSeF shows an enrollment only to the identity that requested it: the same owner signs.
      const auth: AuthorizationPlan = o.auto
        ? chooseAuthorization(records, record.owner, record.env, target.authMethod, deps.clock(), parties)
        : {kind: 'signature', method: 'esignature'};
      return {record, auth, target};
    },

    resume(p: PreparedResume, o: RunOptions = {}): Promise<RunOutcome> {
      return inSession(p.record.env, p.target, sessionAuth(p.auth, o.auth), o, (s) =>
        resumeEnrollment(flowDeps(), p.record.id, s, {...o, apiUrl: p.target.apiUrl, keyPassword: o.keyPassword}),
      p.record.id);
    },

    abandon: (recordId: string): Promise<CertificateRecord> => abandonEnrollment(flowDeps(), recordId),

    /** The external-signature step: auth.xml in the sign folder, the watch, a picked file, the signing command, the card. */
    signing: {
      prepare: (o: {env: EnvCode; target: Pick<OwnerTarget, 'context' | 'apiUrl'>; signal?: AbortSignal}): Promise<PreparedAuthRequest> =>
        prepareAuthRequest({store: deps.store, gateway: deps.gateway, workstation: deps.workstation, now: deps.clock}, {env: o.env, context: o.target.context, apiUrl: o.target.apiUrl, signal: o.signal}),
      cleanup: cleanupAuthFiles,
      watch: (dir: string, o: Omit<WatchOptions, 't'>) => watchForSignedFile(dir, {...o, t}),
      readSignedFile: (file: string, challenge?: string) => readSignedFile(file, challenge),
      launch: (cmd: string, o: {file: string; dir: string; onExit?: (message: string | undefined) => void}) => launchSignCommand(cmd, {...o, t}),
      /** The workstation's command (with who set it: it needs a T/N confirmation) or, in demo mode, the TEST-only signer. */
      async command(demo: boolean, signAs?: string): Promise<{command: string; configured?: {command: string; by?: string; at?: string}}> {
        const ws = await deps.store.workstation(deps.workstation);
        if (ws.signCommand.trim()) return {command: ws.signCommand, configured: {command: ws.signCommand, by: ws.signCommandSetBy, at: ws.signCommandSetAt}};
        return {command: demo ? demoSignCommand(deps.dataDir, undefined, undefined, signAs) ?? '' : ''};
      },
      card: async (): Promise<{module: string; label?: string} | undefined> => cardModule(await deps.store.workstation(deps.workstation)),
      cardCertificates: (access: TokenAccess): Promise<CardCertificate[]> => cardCertificates(access),
      signWithCard: async (access: TokenAccess, cert: CardCertificate, file: string): Promise<Buffer> =>
        signAuthXmlWithCard(access, cert, await readFile(file, 'utf8')),
    },
  };
}

