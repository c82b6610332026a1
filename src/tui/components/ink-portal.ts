// React portals for Ink: the reconciler instance Ink renders with, whose createPortal mounts children under any
// Ink DOM node (ink-internals.ts says how it is reached).
import type {ReactNode, ReactPortal} from 'react';
import type {DOMElement} from 'ink';
import {reconcilerModule} from './ink-internals.js';

/** Renders `children` into `container` (an Ink Box's DOM node), in the same commit as the component rendering it. */
export const inkPortal = (children: ReactNode, container: DOMElement): ReactPortal =>
  reconcilerModule.default.createPortal(children, container, null, null);
