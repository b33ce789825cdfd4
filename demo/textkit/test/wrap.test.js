'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { wrap } = require('../lib');

test('wrap breaks on spaces within the width', () => {
  assert.deepStrictEqual(wrap('the quick brown fox jumps', 10), ['the quick', 'brown fox', 'jumps']);
});

test('wrap keeps a long word on its own line', () => {
  assert.deepStrictEqual(wrap('a extraordinarily b', 5), ['a', 'extraordinarily', 'b']);
});
