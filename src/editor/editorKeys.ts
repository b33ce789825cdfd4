/**
 * Fabric's keys for this editor: {@link secretKeyStore} on the extension's SecretStorage, and the
 * one-time notice after the first run created them (where they are, and the offer to export the
 * release key for `git verify-commit`).
 */
import * as vscode from 'vscode';
import { cryptoRandom, systemClock } from '../runtime/context';
import type { KeyRole } from '../runtime/keys';
import { secretKeyStore, type EditorKeys } from './secretKeyStore';

const NOTICE_SHOWN = 'fabric.keysNoticeShown';

export function editorKeys(context: vscode.ExtensionContext): EditorKeys {
  return secretKeyStore(context.secrets, { random: cryptoRandom, clock: systemClock });
}

/** Shows, once per installation, where the keys are that were just created. */
export function noticeCreatedKeys(context: vscode.ExtensionContext, created: readonly KeyRole[]): void {
  if (created.length === 0 || context.globalState.get<boolean>(NOTICE_SHOWN) === true) return;
  void context.globalState.update(NOTICE_SHOWN, true);
  const action = 'Export allowed signers';
  void vscode.window
    .showInformationMessage(
      "Fabric created its signing keys in the editor's secret storage: verifier and policy engine (they sign Evidence Bundles), release (it signs commits), and, kept apart, your approval key. Export the release key so `git verify-commit` accepts Fabric's commits?",
      action,
    )
    .then((picked) => (picked === action ? vscode.commands.executeCommand('fabric.exportAllowedSigners') : undefined));
}
