/**
 * The settings reference (STYLE §15: docs come from the code): a Markdown table rendered from
 * {@link SETTINGS}, written to docs/settings.md and checked by a unit test. No `vscode` import.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS, SETTING_KEYS, type SettingSpec } from './settingsSpec';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function valueOf(spec: SettingSpec): string {
  return spec.type === 'string' ? `\`"${String(spec.default)}"\`` : `\`${String(spec.default)}\``;
}

function allowed(spec: SettingSpec): string {
  if (spec.enum) return spec.enum.map((v, i) => `\`${v}\`: ${spec.enumDescriptions?.[i] ?? ''}`).join('<br>');
  const range = [spec.minimum !== undefined ? `≥ ${spec.minimum}` : '', spec.maximum !== undefined ? `≤ ${spec.maximum}` : ''].filter(Boolean).join(', ');
  return `${spec.type}${range ? ` (${range})` : ''}`;
}

/** One row per setting: name, default, allowed values, description (with its scope when it matters). */
export function renderSettingsTable(): string {
  const rows = SETTING_KEYS.map((key) => {
    const spec: SettingSpec = SETTINGS[key];
    return `| \`${key}\` | ${valueOf(spec)} | ${cell(allowed(spec))} | ${cell(spec.markdownDescription)} |`;
  });
  return ['| Setting | Default | Values | What it does |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** The whole docs/settings.md. */
export function renderSettingsPage(): string {
  return [
    '# Fabric settings',
    '',
    '<!-- Generated from src/editor/settingsSpec.ts by `npx tsx src/editor/settingsDocs.ts --write`; a unit test keeps it in sync. -->',
    '',
    'Set them in the Settings editor (search for "Fabric") or in `settings.json`. Unset settings use the same',
    'defaults as the `fabric` CLI without flags.',
    '',
    renderSettingsTable(),
  ].join('\n');
}

/** `npx tsx src/editor/settingsDocs.ts --write` rewrites docs/settings.md. */
if (require.main === module && process.argv.includes('--write')) {
  writeFileSync(join(__dirname, '..', '..', 'docs', 'settings.md'), renderSettingsPage());
}
