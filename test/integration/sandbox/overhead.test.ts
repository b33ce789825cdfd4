import { strict as assert } from 'node:assert';
import { createBwrapRunner, createHostRunner, type SandboxRunner } from '../../../src/runtime/sandbox';
import { makeTempDir } from '../../helpers/tmp';

async function measure(runner: SandboxRunner, ws: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runner.run({ argv: ['true'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
    assert.equal(r.exitCode, 0);
    times.push(r.durationMs);
  }
  return times.sort((a, b) => a - b);
}

const fmt = (xs: number[]): string =>
  `median ${xs[Math.floor(xs.length / 2)].toFixed(1)} ms, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} ms, min ${xs[0].toFixed(1)} ms, max ${xs[xs.length - 1].toFixed(1)} ms`;

describe('#run overhead', () => {
  describe('when running `true` 20 times', () => {
    it('prints bwrap and host figures (measured, not asserted)', async () => {
      const t = makeTempDir('fabric-ws-');
      try {
        await measure(createBwrapRunner(), t.path, 2); // warm-up
        const bwrap = await measure(createBwrapRunner(), t.path, 20);
        const host = await measure(createHostRunner(), t.path, 20);
        console.log(`      bwrap: ${fmt(bwrap)}`);
        console.log(`      host:  ${fmt(host)}`);
        console.log(`      bwrap overhead (median): ${(bwrap[10] - host[10]).toFixed(1)} ms`);
      } finally {
        t.cleanup();
      }
    });
  });
});
