import { allowedSignersLines, initKeys, KEY_ROLES, loadKey, publicKeyInfo, type PublicKeyInfo } from '../../runtime/keys';
import { FabricError } from '../../runtime/errors';
import { ExitCode, type CommandSpec } from '../command';

function publicInfos(fabricHome: string): PublicKeyInfo[] {
  return KEY_ROLES.map((role) => publicKeyInfo(loadKey(fabricHome, role)));
}

export const keysCommand: CommandSpec = {
  name: 'keys',
  summary: 'Create and show the Ed25519 keys of each role (init | show | allowed-signers)',
  usage: 'fabric keys init [--force] | fabric keys show [--json] | fabric keys allowed-signers',
  details:
    'Keys live in $FABRIC_HOME/keys (default ~/.config/fabric), one file per role, mode 0600:\n' +
    '  verifier, policy_engine  sign the Evidence Bundle\n' +
    '  release                  signs commits (SSH signature format)\n' +
    '  operator                 mints human approval tokens; the runtime roles never load it\n' +
    '`allowed-signers` prints lines for git\'s gpg.ssh.allowedSignersFile, so `git verify-commit` accepts Fabric commits.',
  positionals: ['ACTION'],
  flags: {
    force: { type: 'boolean', description: 'With init: replace existing keys (old signatures stop verifying)' },
    json: { type: 'boolean', description: 'With show: print JSON' },
  },
  async run(args, ctx, io) {
    const action = args.positionals[0];
    switch (action) {
      case 'init': {
        const r = initKeys(ctx.fabricHome, { random: ctx.random, clock: ctx.clock, force: args.flags.force === true });
        io.stdout(`Fabric keys in ${ctx.fabricHome}: created ${r.created.join(', ') || 'none'}; kept ${r.existing.join(', ') || 'none'}\n`);
        return ExitCode.Ok;
      }
      case 'show': {
        const infos = publicInfos(ctx.fabricHome);
        if (args.flags.json) io.stdout(JSON.stringify({ fabric_home: ctx.fabricHome, keys: infos }, null, 2) + '\n');
        else for (const k of infos) io.stdout(`${k.role.padEnd(14)} ${k.keyid}  ${k.openssh}\n`);
        return ExitCode.Ok;
      }
      case 'allowed-signers': {
        io.stdout(allowedSignersLines([publicKeyInfo(loadKey(ctx.fabricHome, 'release'))]));
        return ExitCode.Ok;
      }
      default:
        throw new FabricError('USAGE_INVALID', action ? `unknown keys action '${action}' (init, show, allowed-signers)` : 'keys needs an action: init, show or allowed-signers');
    }
  },
};
