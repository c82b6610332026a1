// Test hook for crash and race tests of real processes: with KSEF_CERTS_TEST_PAUSE=<point> the process announces the
// point on stderr and stops itself (SIGSTOP) there, the first time it gets there, so a test can SIGKILL it at that
// exact point or release several processes at once (SIGCONT). Without the variable it does nothing.
const fired = new Set<string>();

export function testPause(point: string): void {
  if (process.env.KSEF_CERTS_TEST_PAUSE !== point || fired.has(point)) return;
  fired.add(point);
  process.stderr.write(`KSEF_CERTS_PAUSED ${point} ${process.pid}\n`);
  process.kill(process.pid, 'SIGSTOP');
}
