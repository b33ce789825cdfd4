import { resolve } from 'node:path';
import { FabricError } from '../../runtime/errors';
import { repoIdentity } from '../../runtime/git';
import { pushFix } from '../../runtime/pipeline/pushFix';
import { ExitCode, type CommandSpec } from '../command';

export const pushCommand: CommandSpec = {
  name: 'push',
  summary: 'Push a trace\'s signed fabric/… branch and its evidence note (needs `fabric approve` first)',
  usage: 'fabric push --trace ID [--remote R] [--workspace DIR]',
  details:
    'Refuses without a valid approval token for exactly this trace, branch, commit and remote (expired, reused or\n' +
    'mismatched tokens are refused too). Pushes refs/heads/fabric/… and refs/notes/fabric with your own git and\n' +
    'credentials, hooks disabled, never with force.',
  flags: {
    trace: { type: 'string', valueName: 'ID', description: 'The trace id (required)' },
    remote: { type: 'string', valueName: 'R', description: 'The remote to push to', default: 'origin' },
    workspace: { type: 'string', valueName: 'DIR', description: 'The repository', default: '.' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run(args, ctx, io) {
    const trace = args.flags.trace;
    if (typeof trace !== 'string') throw new FabricError('USAGE_INVALID', '--trace ID is required');
    const repoDir = (await repoIdentity(resolve(io.cwd, String(args.flags.workspace)))).root;
    const result = await pushFix(ctx, { repoDir, traceId: trace, remote: String(args.flags.remote) });
    if (args.flags.json) io.stdout(JSON.stringify({ ok: true, ...result }, null, 2) + '\n');
    else io.stdout(`✔ Pushed ${result.pushed.join(', ')} to ${result.args.remote}\n`);
    return ExitCode.Ok;
  },
};
