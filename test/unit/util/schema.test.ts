import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import { compileSchema, compileSchemaAssert, dottedPath } from '../../../src/runtime/util/schema';

const itemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'tags'],
  properties: {
    name: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { type: 'string' }, contains: { const: 'core' } },
    when: { type: 'string', format: 'date-time' },
  },
} as const;

const item = compileSchema<{ name: string; tags: string[]; when?: string }>(itemSchema);

describe('#compileSchema', () => {
  describe('when the value matches', () => {
    it('has no issues', () => {
      const good = { name: 'a', tags: ['core', 'x'], when: '2026-01-01T00:00:00Z' };
      assert.equal(item.matches(good), true);
      assert.deepEqual(item.issues(good), []);
      assert.deepEqual(item.failures(good), []);
    });
  });

  describe('when fields are missing, extra or wrong', () => {
    it('names every bad field, the missing or extra property included', () => {
      const paths = item.issues({ name: '', tags: 'x', extra: 1 }).map((i) => i.path).sort();
      assert.deepEqual(paths, ['/extra', '/name', '/tags']);
      assert.equal(item.matches({ name: '', tags: 'x', extra: 1 }), false);
    });
    it('names a missing property at its own path', () => {
      assert.deepEqual(item.issues({ tags: ['core'] }).map((i) => i.path), ['/name']);
    });
    it('uses / for the value itself', () => {
      assert.deepEqual(item.issues(null).map((i) => i.path), ['/']);
    });
    it('escapes / and ~ in property names as a JSON pointer does', () => {
      assert.deepEqual(item.issues({ name: 'a', tags: ['core'], 'a/b~c': 1 }).map((i) => i.path), ['/a~1b~0c']);
    });
    it('checks formats', () => {
      assert.deepEqual(item.issues({ name: 'a', tags: ['core'], when: 'yesterday' }).map((i) => i.path), ['/when']);
    });
    it('returns plain { path, message } issues', () => {
      for (const i of item.issues({ tags: 5 })) assert.deepEqual(Object.keys(i).sort(), ['message', 'path']);
    });
  });

  describe('when an array lacks the item `contains` asks for', () => {
    it('reports the array, not each item that is not it', () => {
      assert.deepEqual(item.issues({ name: 'a', tags: ['x', 'y'] }).map((i) => i.path), ['/tags']);
      assert.deepEqual(item.failures({ name: 'a', tags: ['x', 'y'] }).map((f) => f.keyword), ['contains']);
    });
  });

  describe('when a module needs ajv\'s own view', () => {
    it('gives the keyword and the instance path ajv reported', () => {
      const failures = item.failures({ tags: ['core'], extra: 1 });
      assert.deepEqual(
        failures.map(({ path, keyword, instancePath }) => ({ path, keyword, instancePath })),
        [
          { path: '/name', keyword: 'required', instancePath: '' },
          { path: '/extra', keyword: 'additionalProperties', instancePath: '' },
        ],
      );
    });
  });

  describe('when the same schema object is compiled again', () => {
    it('reuses it, even with an $id', () => {
      const withId = { $id: 'https://fabric.invalid/schemas/test/reuse.json', type: 'string' };
      const a = compileSchema<string>(withId);
      const b = compileSchema<string>(withId);
      assert.equal(a.matches('x') && b.matches('x'), true);
      assert.deepEqual(b.issues(1).map((i) => i.path), ['/']);
    });
  });

  describe('when a schema sets options on purpose', () => {
    it('is strict by default and lenient only when asked', () => {
      const loose = { type: 'object', unknownKeyword: true };
      assert.throws(() => compileSchema(loose));
      assert.equal(compileSchema(loose, { strict: false }).matches({}), true);
    });
    it('allows union types only when asked', () => {
      const union = { type: ['string', 'number'] };
      assert.throws(() => compileSchema(union));
      const u = compileSchema<string | number>(union, { allowUnionTypes: true });
      assert.equal(u.matches(1) && u.matches('x'), true);
      assert.deepEqual(u.issues(null).map((i) => i.path), ['/']);
    });
  });
});

describe('#compileSchemaAssert', () => {
  const assertItem = compileSchemaAssert<{ name: string }>(itemSchema, 'CONFIG_INVALID', 'item');

  describe('when the value matches', () => {
    it('returns', () => {
      assert.doesNotThrow(() => assertItem({ name: 'a', tags: ['core'] }));
    });
  });

  describe('when the value does not match', () => {
    it('throws the given code with every bad path in data.errors', () => {
      assert.throws(
        () => assertItem({ name: 1, extra: true }),
        (e: unknown) => {
          assert.ok(isFabricError(e, 'CONFIG_INVALID'));
          const errors = e.data?.errors as { path: string; message: string }[];
          assert.deepEqual(errors.map((x) => x.path).sort(), ['/extra', '/name', '/tags']);
          for (const x of errors) assert.equal(typeof x.message, 'string');
          return true;
        },
      );
    });
  });
});

describe('#dottedPath', () => {
  describe('when given an issue path', () => {
    it('joins the unescaped segments with dots', () => {
      assert.equal(dottedPath('/phases/compile/verified_diff_sha'), 'phases.compile.verified_diff_sha');
      assert.equal(dottedPath('/keys/0/a~1b~0c'), 'keys.0.a/b~c');
    });
    it('names the value itself (root)', () => {
      assert.equal(dottedPath('/'), '(root)');
    });
  });
});
