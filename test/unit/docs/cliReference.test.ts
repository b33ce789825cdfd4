import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec } from '../../../src/cli/command';
import { commands } from '../../../src/cli/commands';
import { exploreCommand } from '../../../src/cli/commands/explore';
import { DEFAULT_FIX_OPTIONS } from '../../../src/runtime/pipeline/options';
import { cliReferenceInputs, REPO_ROOT } from '../../../scripts/docs/cliReferenceInputs';
import { readInterfaceMemberDocs } from '../../../scripts/docs/readSourceDocs';
import { readSection, replaceSection, sectionBody, END_MARKER, START_MARKER } from '../../../scripts/docs/readmeSection';
import { renderCliReference } from '../../../scripts/docs/renderCliReference';

/** The text of one command's `###` section in the rendered reference. */
function sectionOf(rendered: string, name: string): string {
  const start = rendered.indexOf(`### \`fabric ${name}\``);
  assert.ok(start >= 0, `no section for fabric ${name}`);
  const next = rendered.indexOf('\n### ', start + 1);
  return rendered.slice(start, next < 0 ? undefined : next);
}

/** Table rows (`| … |`) of a section, split into cells on unescaped pipes. */
function tableRows(section: string): string[][] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

describe('#renderCliReference', () => {
  const inputs = cliReferenceInputs();
  const rendered = renderCliReference(inputs);

  describe('when compared with README.md', () => {
    it('matches the section between the markers (run `npx tsx scripts/gen-docs.ts` when this fails)', () => {
      const readme = join(REPO_ROOT, 'README.md');
      assert.ok(existsSync(readme), 'README.md is missing: run `npx tsx scripts/gen-docs.ts`');
      const current = readSection(readFileSync(readme, 'utf8'));
      assert.notEqual(current, undefined, `README.md needs one ${START_MARKER} and one ${END_MARKER}`);
      assert.equal(current, sectionBody(rendered), 'README.md CLI reference is out of date: run `npx tsx scripts/gen-docs.ts`');
    });
  });

  describe('when rendering every command', () => {
    it('has one section per command, in the order of the command list', () => {
      const headings = rendered.split('\n').filter((l) => l.startsWith('### `fabric '));
      assert.deepEqual(
        headings,
        commands.map((c) => `### \`fabric ${c.name}\``),
      );
    });
    it('lists every flag of every command in that command\'s flags table', () => {
      for (const spec of commands) {
        const rows = tableRows(sectionOf(rendered, spec.name));
        const flagCells = rows.map((r) => r[0]);
        for (const name of Object.keys(spec.flags)) {
          assert.ok(
            flagCells.some((c) => c.split(', ').includes(`\`--${name}\``)),
            `fabric ${spec.name}: --${name} is missing from the flags table`,
          );
        }
      }
    });
    it('shows each flag\'s value name and default', () => {
      for (const spec of commands) {
        const rows = tableRows(sectionOf(rendered, spec.name));
        for (const [name, f] of Object.entries(spec.flags)) {
          const row = rows.find((r) => r[0] === `\`--${name}\``);
          assert.ok(row, `fabric ${spec.name} --${name}`);
          assert.equal(row.length, 4, `fabric ${spec.name} --${name}: a row has four cells`);
          if (f.type === 'string') assert.equal(row[1], `\`${f.valueName ?? 'VALUE'}\``);
          if (f.type === 'string' && f.default !== undefined) assert.equal(row[2], `\`${String(f.default)}\``);
        }
      }
    });
    it('puts every usage line in a code block', () => {
      for (const spec of commands) {
        const section = sectionOf(rendered, spec.name);
        for (const usage of spec.usage.split(' | fabric ')) assert.ok(section.includes(usage.startsWith('fabric ') ? usage : `fabric ${usage}`), spec.name);
      }
    });
  });

  describe('when rendering the exit codes', () => {
    it('has one row per exit code, and every error code in exactly one row', () => {
      const section = rendered.slice(rendered.indexOf('### Exit codes'));
      const rows = tableRows(section).slice(2);
      assert.deepEqual(
        rows.map((r) => Number(r[0])),
        inputs.exitCodes.map((e) => e.code),
      );
      const all = inputs.exitCodes.flatMap((e) => e.errorCodes);
      assert.equal(new Set(all).size, all.length);
      assert.ok(all.includes('USAGE_INVALID') && all.includes('INTERNAL'));
    });
    it('documents every exit code with its JSDoc line', () => {
      for (const e of inputs.exitCodes) assert.notEqual(e.description, '', e.name);
    });
  });

  describe('when text would break the Markdown', () => {
    const spec: CommandSpec = {
      name: 'odd',
      summary: 'Uses a | pipe and <angle> brackets',
      usage: 'fabric odd a|b | fabric odd --x <y>',
      details: 'Writes fabric/<slug> *here*.\n  indented line\n  another\nafter `a|b <c>` it',
      flags: { x: { type: 'string', valueName: 'A|B', description: 'Either a|b or <c>', default: 'a|b' } },
      run: async () => 0,
    };
    const out = renderCliReference({ commands: [spec], exitCodes: [] });
    it('keeps every table row at four cells', () => {
      const rows = tableRows(sectionOf(out, 'odd'));
      assert.ok(rows.length >= 3);
      for (const r of rows) assert.equal(r.length, 4);
    });
    it('escapes angle brackets outside code spans and keeps code spans as they are', () => {
      assert.ok(!/<(slug|angle|c)>/.test(out.replace(/```sh[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')));
      assert.ok(out.includes('`a|b <c>`'));
    });
    it('splits alternative usages onto their own lines', () => {
      assert.ok(out.includes('```sh\nfabric odd a|b\nfabric odd --x <y>\n```'));
    });
    it('turns indented help lines into a text block', () => {
      assert.ok(out.includes('```text\nindented line\nanother\n```'));
    });
  });
});

describe('#replaceSection', () => {
  describe('when the markers are present once', () => {
    it('replaces only the text between them', () => {
      const readme = `# T\n\nbefore\n${START_MARKER}\nold\n${END_MARKER}\nafter\n`;
      assert.equal(replaceSection(readme, '\nnew\n'), `# T\n\nbefore\n${START_MARKER}\nnew\n${END_MARKER}\nafter\n`);
    });
  });
  describe('when the markers are missing, doubled or reversed', () => {
    it('returns undefined', () => {
      assert.equal(replaceSection('# T\n', 'x'), undefined);
      assert.equal(replaceSection(`${START_MARKER}${END_MARKER}${START_MARKER}${END_MARKER}`, 'x'), undefined);
      assert.equal(replaceSection(`${END_MARKER}${START_MARKER}`, 'x'), undefined);
    });
  });
});

describe('#FixOptions', () => {
  const fields = readInterfaceMemberDocs('options.ts', readFileSync(join(REPO_ROOT, 'src/runtime/pipeline/options.ts'), 'utf8'), 'FixOptions');
  /** Run option → `fabric explore` flag; the rest are the option name in kebab case. */
  const renamed: Record<string, string> = { testCommand: 'test', testTimeoutMs: 'test-timeout', budgetMs: 'budget' };
  const flagOf = (field: string): string => renamed[field] ?? field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  describe('when documenting the run options', () => {
    it('has a JSDoc line on every field', () => {
      assert.ok(fields.length > 0);
      for (const f of fields) assert.notEqual(f.doc, '', `FixOptions.${f.name} has no JSDoc line`);
    });
    it('exposes every field as a `fabric explore` flag', () => {
      for (const f of fields) assert.ok(flagOf(f.name) in exploreCommand.flags, `FixOptions.${f.name} has no --${flagOf(f.name)} flag`);
    });
    it('shows DEFAULT_FIX_OPTIONS as the flags\' defaults (milliseconds as seconds)', () => {
      for (const [field, value] of Object.entries(DEFAULT_FIX_OPTIONS)) {
        const flag = exploreCommand.flags[flagOf(field)];
        assert.ok(flag, field);
        const expected = field.endsWith('Ms') ? String(Number(value) / 1000) : typeof value === 'boolean' ? value : String(value);
        assert.equal(flag.default ?? false, expected, `--${flagOf(field)}`);
      }
    });
  });
});
