// Loads React and Ink for the TUI before anything else imports them, in the way a shipped terminal app should:
// - React's production build. React picks its build by NODE_ENV when it is first loaded; unset means the development
//   build (twice the code to parse, extra checks on every render). Without a NODE_ENV of the user's the UI libraries
//   are loaded as `production` and NODE_ENV is then put back, so child processes (the sign command, openssl) see the
//   environment the user gave. Tests render through vitest (NODE_ENV=test) and keep React's development checks.
// - No HTTP client for the layout engine. Ink's yoga-layout instantiates its WebAssembly from a base64 `data:` URL
//   through the global `fetch` when there is one, and Node's first `fetch` loads and compiles its bundled undici
//   (with node:http, http2, tls) just to decode that string. Without a global `fetch` the same emscripten loader
//   decodes the base64 itself. `fetch` is hidden only while Ink loads (the QR link check uses it later).
export async function loadUi(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const fetchProp = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const setEnv = env.NODE_ENV === undefined;
  if (setEnv) env.NODE_ENV = 'production';
  if (fetchProp) delete (globalThis as {fetch?: unknown}).fetch;
  try {
    await import('react');
    await import('react/jsx-runtime');
    await import('ink');
  } finally {
    if (fetchProp) Object.defineProperty(globalThis, 'fetch', fetchProp);
    if (setEnv) delete env.NODE_ENV;
  }
}
