// Test hook for crash and race tests of real processes: with KSEF_CERTS_TEST_PAUSE=<point> the process announces the
// point on stderr and stops itself (SIGSTOP) there, so a test can SIGKILL it at that exact point or release several
// processes at once (SIGCONT). Without the variable it does nothing.
export function testPause(point: string): void {
  if (process.env.KSEF_CERTS_TEST_PAUSE !== point) return;
  process.stderr.write(`KSEF_CERTS_PAUSED ${point} ${process.pid}\n`);
  process.kill(process.pid, 'SIGSTOP');
}
