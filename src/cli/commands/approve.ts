import { resolve } from 'node:path';
import { FabricError } from '../../runtime/errors';
import { repoIdentity } from '../../runtime/git';
import { assertRemote, decidePush, describePush } from '../../runtime/pipeline/pushFix';
import { ExitCode, type CommandSpec } from '../command';

export const approveCommand: CommandSpec = {
  name: 'approve',
  summary: 'Approve (or deny) a high-impact action of a trace, on an interactive terminal only',
  usage: 'fabric approve --trace ID --action push [--remote R] [--workspace DIR]',
  details:
    'Shows exactly what will happen (action, branch, commit, remote) and the digest of those arguments, asks for\n' +
    'confirmation, and mints a single-use token signed by the operator key — bound to that exact action and its\n' +
    'arguments, expiring after 15 minutes. `fabric push` uses it. Refuses to run without a terminal: an agent or a\n' +
    'script cannot approve on your behalf. Answering no records the denial and your reason in the event log.',
  flags: {
    trace: { type: 'string', valueName: 'ID', description: 'The trace id printed by `fabric explore` (required)' },
    action: { type: 'string', valueName: 'ACTION', description: 'The action to approve: push', default: 'push' },
    remote: { type: 'string', valueName: 'R', description: 'The remote the branch will be pushed to', default: 'origin' },
    workspace: { type: 'string', valueName: 'DIR', description: 'The repository', default: '.' },
  },
  async run(args, ctx, io) {
    const trace = args.flags.trace;
    if (typeof trace !== 'string') throw new FabricError('USAGE_INVALID', '--trace ID is required');
    if (args.flags.action !== 'push') throw new FabricError('USAGE_INVALID', `--action ${String(args.flags.action)} cannot be approved here; only push is`);
    if (!io.isInteractive) throw new FabricError('APPROVAL_NOT_INTERACTIVE', 'approval needs an interactive terminal (a human at the keyboard); it cannot be scripted');
    const target = { repoDir: (await repoIdentity(resolve(io.cwd, String(args.flags.workspace)))).root, traceId: trace, remote: String(args.flags.remote) };
    const description = describePush(target);
    await assertRemote(target);
    const a = description.args as Record<string, string>;
    io.stdout(`Fabric asks to PUSH:\n  branch  ${a.branch}\n  commit  ${a.commit}\n  remote  ${a.remote} (also ${a.notes_ref}, the evidence note)\n  trace   ${trace}\n  digest  ${description.args_digest}\n`);
    const answer = (await io.prompt('Approve this push? Type "yes" to approve, anything else to deny: ')).trim().toLowerCase();
    if (answer !== 'yes' && answer !== 'y') {
      const reason = (await io.prompt('Reason for the denial (recorded in the event log): ')).trim() || 'denied by the operator';
      await decidePush(ctx, target, { approve: false, reason });
      io.stdout('Denied; nothing will be pushed.\n');
      return ExitCode.CheckFailed;
    }
    const { expires } = await decidePush(ctx, target, { approve: true });
    io.stdout(`Approved. Single-use token valid until ${expires}. Now run: fabric push --trace ${trace}${target.remote !== 'origin' ? ` --remote ${target.remote}` : ''}\n`);
    return ExitCode.Ok;
  },
};
