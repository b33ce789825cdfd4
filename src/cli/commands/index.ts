import type { CommandSpec } from '../command';
import { approveCommand } from './approve';
import { exploreCommand } from './explore';
import { gateCommand } from './gate';
import { keysCommand } from './keys';
import { protocolCommand } from './protocol';
import { pushCommand } from './push';
import { verifyBundleCommand } from './verifyBundle';

/** Every `fabric` sub-command, in the order `--help` lists them. */
export const commands: readonly CommandSpec[] = [exploreCommand, verifyBundleCommand, gateCommand, approveCommand, pushCommand, keysCommand, protocolCommand];
