/** `flopscope serve` refusing bad options before it listens. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('flopscope serve options', () => {
  it('refuses a port out of range', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'flopscope: --port 70000 is not a port: give a whole number from 0 (any free port) to 65535',
    );
    expect(result.stdout).toBe('');
  });

  it('says so when it cannot listen on the --host given', async () => {
    // 198.51.100.1 is TEST-NET-2 (RFC 5737): documentation only, no machine has it.
    const result = await runCli(['serve', '--host', '198.51.100.1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^flopscope: cannot listen on 198\.51\.100\.1:0 \(EADDRNOTAVAIL\): choose another --port, or a --host this machine has$/,
    );
  });
});
