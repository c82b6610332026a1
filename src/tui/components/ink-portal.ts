// React portals for Ink: the reconciler instance Ink renders with, whose createPortal mounts children under any
// Ink DOM node. Ink does not export it, so it is loaded by file URL next to Ink's resolved entry (the module
// instance Ink itself uses), as ink-stdin.ts does for StdinContext. Pinned Ink 6.8.0; test/tui/legend-frame.test.tsx
// fails if this stops holding.
import type {ReactNode, ReactPortal} from 'react';
import type {DOMElement} from 'ink';

const url = new URL('./reconciler.js', import.meta.resolve('ink'));
const mod = (await import(url.href)) as {default: {createPortal(children: ReactNode, container: unknown, impl: null, key?: string | null): ReactPortal}};

/** Renders `children` into `container` (an Ink Box's DOM node), in the same commit as the component rendering it. */
export const inkPortal = (children: ReactNode, container: DOMElement): ReactPortal => mod.default.createPortal(children, container, null, null);
