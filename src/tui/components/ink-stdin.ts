// Ink's StdinContext, which `useInput` (and so ink-text-input / ink-select-input) reads its key events from
// (ink-internals.ts says how it is reached).
import type {Context} from 'react';
import type {StdinProps} from 'ink';
import {stdinContextModule} from './ink-internals.js';

export const InkStdinContext: Context<StdinProps> = stdinContextModule.default;
