// The demo store itself (created when missing) for the TUI's start, without the help-desk kit (./demo-kit.ts, with
// its sample invoices), which the TUI installs after its first frame.
export {createDemoStore, DEMO_CREDENTIALS} from '../store/index.js';
