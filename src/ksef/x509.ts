// @peculiar/x509 for the app: its DI container (tsyringe) needs the Reflect metadata polyfill before it loads, so
// this module loads both, in that order. Only the code that parses or builds certificates imports it — a start of
// the TUI, `--help` or `list` does not pay for either (test/cli/fast-start.test.ts).
import 'reflect-metadata';
export * from '@peculiar/x509';
