/** Reads the `fabric.*` settings for a repository and turns them into run options (see settingsSpec.ts). */
import * as vscode from 'vscode';
import { effectiveValue, fixOptionsFromSettings, settingName, SETTING_KEYS, type SettingKey, type SettingsOutcome } from './settingsSpec';

export function readSettings(repoDir: string | undefined): SettingsOutcome {
  const config = vscode.workspace.getConfiguration('fabric', repoDir ? vscode.Uri.file(repoDir) : undefined);
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) values[key] = effectiveValue(key, config.inspect(settingName(key)));
  return fixOptionsFromSettings(values);
}
