// Where KSeF calls go: the embedded simulator (default for demos and tests) or the real KSeF, by configuration.
// The same KsefClient code talks to both.
import type {BranchConfig, EnvCode, KsefEnvName} from '../domain/index.js';
import {ENV_NAME} from '../domain/index.js';
import type {KsefClient, KsefClientOptions} from '../ksef/client/index.js';
import {KSEF_ENVIRONMENTS} from '../ksef/environments.js';
import {makeT, type Translate} from '../i18n/index.js';
import {catalogueError} from './errors.js';

export type KsefTarget = 'simulator' | 'ksef';

/** What the composition root hands in to start the in-process simulator (flows never import it directly). */
export type SimulatorStarter = () => Promise<{apiBase(env: KsefEnvName): string; close(): Promise<void>}>;

export interface GatewayOptions {
  target: KsefTarget;
  /** `--api URL`: one base URL for every environment (e.g. a separately started `ksef-certs simulator`). */
  apiOverride?: string;
  startSimulator?: SimulatorStarter;
  client?: Partial<KsefClientOptions>;
}

/** One `[code]: message` of KSeF's X-System-Warning header and the call that received it. */
export interface KsefWarning {
  warning: string;
  operation: string;
}

export class KsefGateway {
  readonly target: KsefTarget;
  private simulator?: ReturnType<SimulatorStarter>;
  private readonly clients = new Map<string, KsefClient>();
  private readonly warningListeners = new Set<(w: KsefWarning) => void>();

  constructor(private readonly opts: GatewayOptions) {
    this.target = opts.target;
  }

  /** Precedence: `--api` > branch override [A-1-5-1] > embedded simulator > public KSeF address of the env. */
  async apiBase(env: EnvCode, branch?: Pick<BranchConfig, 'apiUrl'>): Promise<string> {
    if (this.opts.apiOverride) return this.opts.apiOverride;
    if (branch?.apiUrl) return branch.apiUrl;
    if (this.target === 'simulator') {
      if (!this.opts.startSimulator) throw catalogueError('gateway.noSimulator', undefined, 'noSimulator');
      this.simulator ??= this.opts.startSimulator();
      return (await this.simulator).apiBase(ENV_NAME[env]);
    }
    return KSEF_ENVIRONMENTS[env].apiBase;
  }

  /** One client (connection pool) per base URL. */
  async client(env: EnvCode, branch?: Pick<BranchConfig, 'apiUrl'>): Promise<KsefClient> {
    const baseUrl = await this.apiBase(env, branch);
    let c = this.clients.get(baseUrl);
    if (!c) {
      // Loaded on first use: keeps undici out of the TUI's cold start.
      const {KsefClient} = await import('../ksef/client/index.js');
      const own = this.opts.client?.onWarning;
      c = this.clients.get(baseUrl) ?? new KsefClient({
        ...this.opts.client,
        baseUrl,
        onWarning: (warning, operation) => {
          own?.(warning, operation);
          for (const l of this.warningListeners) l({warning, operation});
        },
      });
      this.clients.set(baseUrl, c);
    }
    return c;
  }

  /**
   * Base URL of KSeF's status service for an environment: the simulator's (embedded or a loopback `--api`), else the
   * public one; undefined when none is known (DEMO, or an API override elsewhere).
   */
  async latarniaBase(env: EnvCode, branch?: Pick<BranchConfig, 'apiUrl'>): Promise<string | undefined> {
    const api = await this.apiBase(env, branch);
    if (/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(api)) return api.replace(/\/v2\/?$/, '/latarnia');
    return api === KSEF_ENVIRONMENTS[env].apiBase ? KSEF_ENVIRONMENTS[env].latarnia : undefined;
  }

  /** X-System-Warning of every KSeF call made through this gateway (shown to the user and audited). */
  onWarning(listener: (w: KsefWarning) => void): () => void {
    this.warningListeners.add(listener);
    return () => this.warningListeners.delete(listener);
  }

  /** Human-readable description for the status line / CLI output. */
  describe(t: Translate = makeT('pl')): string {
    if (this.opts.apiOverride) return this.opts.apiOverride;
    return t(this.target === 'simulator' ? 'gateway.simulator' : 'gateway.public');
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
    if (this.simulator) await (await this.simulator).close();
    this.simulator = undefined;
  }
}
