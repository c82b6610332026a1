// What a screen receives and how it is described in the registry.
import type React from 'react';
import type {Frame} from './menu/navigator.js';
import type {MessageKey} from '../i18n/index.js';
import type {Command} from '../tui/keys/keymap.js';

/** Navigation a screen may ask for (backed by the navigator reducer). */
export interface NavApi {
  back(): void;
  push(frame: Frame): void;
  /** Opens a menu path from the root, e.g. ['A','1','5','7']. */
  open(path: string[]): void;
  quit(): void;
  /**
   * The F1 text of what the screen shows now (a detail, a dialog of its own); undefined = the registry's `help`.
   * Reset when the frame changes.
   */
  help?(key: MessageKey | undefined): void;
}

export interface ScreenProps {
  /** False while an overlay (help, quit confirmation) is shown: pass it to useKeys({active}). */
  active: boolean;
  /** Menu path that opened the screen (breadcrumb). */
  path: string[];
  params?: Record<string, unknown>;
  nav: NavApi;
}

export interface ScreenDef {
  component: React.ComponentType<ScreenProps>;
  /** For lazily loaded screens: resolves the real component (what `component` renders once loaded). */
  load?: () => Promise<React.ComponentType<ScreenProps>>;
  /** Title; defaults to the menu label of the leaf. */
  title?: MessageKey;
  /** F1 text; defaults to the generic "not available" text. */
  help?: MessageKey;
  /** Extra legend commands shown before F1/Esc/F10 (e.g. ['export', 'refresh', 'revoke']). */
  legend?: Command[];
}
