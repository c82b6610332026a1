// A screen may take the whole window for a while (no frame) — e.g. a QR code that needs every row. The App hosts
// the node instead of the Shell while the screen stays mounted underneath (its state and keys live on). Without a
// host (a screen rendered alone in a test) the node is drawn in place by the screen.
import React, {createContext, useContext, useLayoutEffect} from 'react';

type Host = (node: React.ReactNode | undefined) => void;
const FullScreenContext = createContext<Host | undefined>(undefined);

export function FullScreenHost({set, children}: {set: Host; children?: React.ReactNode}) {
  return <FullScreenContext.Provider value={set}>{children}</FullScreenContext.Provider>;
}

/**
 * Shows `node` full-screen while it is defined. `key` names its content: the host is updated only when it changes
 * (a node is a new object on every render). Returns what the screen draws in place: the node when nobody hosts it.
 */
export function useFullScreen(node: React.ReactNode | undefined, key: string | undefined): React.ReactNode | undefined {
  const host = useContext(FullScreenContext);
  useLayoutEffect(() => {
    if (!host) return;
    host(node);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host, key]);
  useLayoutEffect(() => () => host?.(undefined), [host]);
  return host ? undefined : node;
}
