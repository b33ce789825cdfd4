import type { CommandSpec } from '../command';
import { exploreCommand } from './explore';
import { keysCommand } from './keys';

/** Every `fabric` sub-command, in the order `--help` lists them. */
export const commands: readonly CommandSpec[] = [exploreCommand, keysCommand];
